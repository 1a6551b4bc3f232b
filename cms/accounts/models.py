"""A citizen's public name and preferences, beside Django's user (email log-in by allauth),
and the levels of trust the account holds on each site (residency, identity) with the census
they are checked against."""

from django.conf import settings
from django.db import models
from django.utils import timezone
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


class VerificationLevel(models.TextChoices):
    """The levels of cms.core.citizens (same values), with their names for people."""

    VERIFIED = "verified", _("verified email address")
    RESIDENT = "resident", _("resident of the municipality")
    IDENTITY = "identity", _("identity confirmed")


#: The levels a grant row can hold ("verified" is the confirmed email address itself).
GRANTED_LEVEL_CHOICES = [
    (level.value, level.label) for level in VerificationLevel if level != level.VERIFIED
]


class VerificationMethod(models.TextChoices):
    CENSUS = "census", _("census of residents")
    STAFF = "staff", _("checked by staff")


class VerificationGrantQuerySet(models.QuerySet):
    def live(self, now=None):
        """Grants that count now: not revoked and not expired."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class VerificationGrant(models.Model):
    """One level of trust ("resident", "identity confirmed") that an account holds on one
    site: a resident of Ternopil is not a resident of Levski. Written by a census match or by
    staff (cms.accounts.verification), never edited in place: a renewal revokes the old row
    and adds a new one, so the history stays. `reference` is a keyed hash of the identity
    document's number (never the number itself): one document verifies one account per site
    and level. Read through cms.core.citizens."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verification_grants",
        verbose_name=_("account"),
    )
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    level = models.CharField(_("level"), max_length=20, choices=GRANTED_LEVEL_CHOICES)
    method = models.CharField(_("method"), max_length=20, choices=VerificationMethod.choices)
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    reference = models.CharField(_("document reference"), max_length=64, blank=True)
    census_entry = models.ForeignKey(
        "accounts.CensusEntry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("census entry"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_note = models.CharField(_("reason for revoking"), max_length=500, blank=True)

    objects = VerificationGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "site", "level"],
                condition=models.Q(revoked_at__isnull=True),
                name="accounts_one_grant_per_level",
            ),
            models.UniqueConstraint(
                fields=["site", "level", "reference"],
                condition=models.Q(revoked_at__isnull=True) & ~models.Q(reference=""),
                name="accounts_one_account_per_document",
            ),
        ]
        # Granted per site (GroupSitePermission, see cms.accounts.rights), never globally.
        permissions = [("verify_citizens", _("Can verify citizens"))]

    def __str__(self):
        return f"{self.user} · {self.get_level_display()} · {self.site}"

    def is_live(self, now=None):
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class CensusEntry(models.Model):
    """One person of a municipality's census as uploaded by its staff: only a keyed hash of
    the document number with the birth date, so the table says nothing without the site's
    key. Used once: the account that matched it holds residency and identity."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    digest = models.CharField(_("digest"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("used by"),
    )

    class Meta:
        verbose_name = _("census entry")
        verbose_name_plural = _("census entries")
        constraints = [
            models.UniqueConstraint(fields=["site", "digest"], name="accounts_census_once")
        ]

    def __str__(self):
        return f"{self.site} · {self.digest[:8]}"
