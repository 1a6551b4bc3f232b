"""A citizen's public name and preferences, beside Django's user (email log-in by allauth)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CitizenProfile(models.Model):
    """The name a citizen shows beside what they write, and their notification choices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="citizen_profile",
        verbose_name=_("user"),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("Shown beside your comments. Use your name or a nickname."),
    )
    email_on_reply = models.BooleanField(_("email me when someone replies to me"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self):
        return self.display_name


def display_name(user):
    """The public name of `user`: their display name, never their email address."""
    if user is None:
        return ""
    try:
        name = user.citizen_profile.display_name
    except CitizenProfile.DoesNotExist:
        name = ""
    return name or user.get_full_name() or _("Citizen")
