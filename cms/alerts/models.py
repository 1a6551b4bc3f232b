"""The emergency notice of a site: an air-raid alert, a water outage, a closed road."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


class EmergencyNotice(ClusterableModel):
    """A notice shown at the top of every public page of one site while it is switched on.

    Its text is written in the site's languages in the same form (a notice cannot wait for
    a translation workflow); a language without a text shows the site's own language.
    """

    class Severity(models.TextChoices):
        CRITICAL = "critical", _("Danger to life (air-raid alert, evacuation)")
        WARNING = "warning", _("Warning (outage, closure, disruption)")
        INFO = "info", _("Information")

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    active = models.BooleanField(
        _("shown on the site"),
        default=False,
        help_text=_("Switch on to show the notice at the top of every page of the site."),
    )
    switched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("switched on or off by"),
    )
    switched_at = models.DateTimeField(
        _("switched on or off at"), null=True, blank=True, editable=False
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site"), FieldPanel("severity"), FieldPanel("active")],
            heading=_("Where and how"),
        ),
        InlinePanel("texts", label=_("Text in a language"), min_num=1),
    ]

    class Meta:
        verbose_name = _("emergency notice")
        verbose_name_plural = _("emergency notices")
        ordering = ["-active", "-switched_at", "-pk"]

    def __str__(self):
        text = next(iter(self.texts.all()), None)
        return text.message[:80] if text else str(self._meta.verbose_name)


class NoticeText(Orderable):
    """The notice in one language, with an optional link to more information."""

    notice = ParentalKey(EmergencyNotice, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    message = models.TextField(_("message"), max_length=500)
    link_url = models.URLField(_("link to more information"), blank=True)
    link_text = models.CharField(
        _("link text"),
        max_length=100,
        blank=True,
        help_text=_('Defaults to "More information".'),
    )

    panels = [
        FieldPanel("language"),
        FieldPanel("message"),
        FieldPanel("link_url"),
        FieldPanel("link_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("notice text")
        verbose_name_plural = _("notice texts")
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "language"], name="alerts_one_text_per_language"
            )
        ]

    def clean(self):
        if self.link_text and not self.link_url:
            raise ValidationError({"link_text": _("A link text needs a link.")})
