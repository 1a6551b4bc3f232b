from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..choices import AssessmentKind, CompletionLevel, OpenGovernmentResult, Verifiability
from .commitments import CommitmentPage, EvidenceBlock


class ProgressUpdate(
    DraftStateMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """A dated entry in a commitment's progress timeline, added without editing the page.

    It has a draft state: what a translator adds or changes is public only once an editor
    or moderator publishes it (the commitment page lists live updates only)."""

    commitment = models.ForeignKey(
        CommitmentPage,
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("commitment"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = RichTextField(_("what happened"), features=["bold", "italic", "link", "ul", "ol"])
    evidence = StreamField(EvidenceBlock(), blank=True, verbose_name=_("evidence"))
    author = models.CharField(
        _("author"), max_length=255, help_text=_("The person or body reporting, as published.")
    )

    panels = [
        FieldPanel("commitment"),
        FieldPanel("date"),
        FieldPanel("text"),
        FieldPanel("evidence"),
        FieldPanel("author"),
    ]
    search_fields = [index.SearchField("text"), index.FilterField("date")]
    translatable_fields = [
        TranslatableField("commitment"),
        SynchronizedField("date"),
        TranslatableField("text"),
        TranslatableField("evidence"),
        TranslatableField("author"),
    ]

    _revisions = GenericRelation("wagtailcore.Revision")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.commitment.code} · {self.date:%Y-%m-%d}"


class Assessment(TranslatableMixin, models.Model):
    """A self-assessment, an independent review or an end-of-commitment report."""

    commitment = ParentalKey(CommitmentPage, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField(
        _("kind"), max_length=20, choices=AssessmentKind.choices, default=AssessmentKind.SELF
    )
    date = models.DateField(_("date"))
    assessor = models.CharField(_("assessed by"), max_length=255)
    verifiability = models.CharField(
        _("verifiability"), max_length=20, choices=Verifiability.choices, blank=True
    )
    completion = models.CharField(_("completion"), max_length=20, choices=CompletionLevel.choices)
    opened_government = models.CharField(
        _("did it open government?"),
        max_length=20,
        choices=OpenGovernmentResult.choices,
        blank=True,
    )
    explanation = RichTextField(
        _("explanation"), features=["bold", "italic", "link", "ul", "ol"], blank=True
    )
    url = models.URLField(_("link to the full report"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("assessor"),
        FieldRowPanel(
            [FieldPanel("verifiability"), FieldPanel("completion"), FieldPanel("opened_government")]
        ),
        FieldPanel("explanation"),
        FieldPanel("url"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-date", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.date:%Y-%m-%d}"
