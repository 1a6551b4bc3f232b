from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.blocks import CharBlock, StreamBlock, StructBlock, URLBlock
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.models import BasePage
from cms.core.related import RelatedPage, TitledRelatedDocument

from ..choices import MilestoneStatus, OGPValue
from .richtext import RICH_TEXT


class EvidenceLinkBlock(StructBlock):
    title = CharBlock(label=_("title"))
    url = URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Link")


class EvidenceBlock(StreamBlock):
    """Links and documents that prove what was done."""

    link = EvidenceLinkBlock()
    document = DocumentChooserBlock(label=_("Document"))

    class Meta:
        icon = "doc-full"


def check_dates(start, end, end_field="end_date"):
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


class CommitmentTag(TaggedItemBase):
    content_object = ParentalKey(
        "actionplans.CommitmentPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CommitmentPage(RoutablePageMixin, BasePage):
    """One commitment of an action plan, in the structure of OGP's commitment template."""

    code = models.CharField(
        _("code"), max_length=30, help_text=_("A short identifier such as “TE-2021-03”.")
    )
    problem = RichTextField(_("problem addressed"), features=RICH_TEXT, blank=True)
    description = RichTextField(_("what is the commitment?"), features=RICH_TEXT, blank=True)
    solution = RichTextField(_("how will it solve the problem?"), features=RICH_TEXT, blank=True)
    expected_results = RichTextField(_("expected results"), features=RICH_TEXT, blank=True)
    transparency = models.BooleanField(_("relevant to transparency"), default=False)
    transparency_justification = models.TextField(_("why (transparency)"), blank=True)
    participation = models.BooleanField(_("relevant to civic participation"), default=False)
    participation_justification = models.TextField(_("why (civic participation)"), blank=True)
    accountability = models.BooleanField(_("relevant to public accountability"), default=False)
    accountability_justification = models.TextField(_("why (public accountability)"), blank=True)
    lead_institution = models.ForeignKey(
        "actionplans.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead institution"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget_amount = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_currency = models.CharField(_("currency"), max_length=3, blank=True)
    budget_note = models.CharField(_("budget source or note"), max_length=255, blank=True)
    policy_areas = ClusterTaggableManager(
        through=CommitmentTag, blank=True, verbose_name=_("policy areas")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("code"),
        FieldPanel("problem"),
        FieldPanel("description"),
        FieldPanel("solution"),
        FieldPanel("expected_results"),
        MultiFieldPanel(
            [
                FieldPanel("transparency"),
                FieldPanel("transparency_justification"),
                FieldPanel("participation"),
                FieldPanel("participation_justification"),
                FieldPanel("accountability"),
                FieldPanel("accountability_justification"),
            ],
            heading=_("Relevance to OGP values"),
        ),
        MultiFieldPanel(
            [FieldPanel("lead_institution"), InlinePanel("partners", label=_("Supporting"))],
            heading=_("Institutions"),
        ),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldRowPanel(
            [FieldPanel("budget_amount"), FieldPanel("budget_currency"), FieldPanel("budget_note")],
            heading=_("Budget"),
        ),
        FieldPanel("policy_areas"),
        InlinePanel("milestones", label=_("Milestones")),
        InlinePanel("assessments", label=_("Assessments")),
        InlinePanel("documents", label=_("Documents")),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("code"),
        index.SearchField("problem"),
        index.SearchField("description"),
        index.SearchField("expected_results"),
    ]
    parent_page_types = ["actionplans.ActionPlanPage"]
    subpage_types = []
    override_translatable_fields = [
        SynchronizedField("code"),
        SynchronizedField("budget_currency"),
    ]

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def clean(self):
        super().clean()
        check_dates(self.start_date, self.end_date)
        if self.budget_amount is not None and not self.budget_currency:
            raise ValidationError({"budget_currency": _("Give the currency of the budget.")})
        for value in OGPValue.values:
            if getattr(self, f"{value}_justification") and not getattr(self, value):
                raise ValidationError(
                    {value: _("Tick the value you justify, or remove the justification.")}
                )

    def ogp_values(self):
        """[(value, label, justification)] of the OGP values this commitment is relevant to."""
        return [
            (value, label, getattr(self, f"{value}_justification"))
            for value, label in OGPValue.choices
            if getattr(self, value)
        ]

    def get_cached_paths(self):
        return ["/", "/print/"]

    def get_context(self, request, *args, **kwargs):
        from ..views import commitment_context

        context = super().get_context(request, *args, **kwargs)
        context.update(commitment_context(self, request))
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="actionplans/commitment_print.html")


class CommitmentPartner(TranslatableMixin, Orderable):
    """A supporting institution of a commitment (its type of actor comes from the snippet)."""

    commitment = ParentalKey(CommitmentPage, on_delete=models.CASCADE, related_name="partners")
    institution = models.ForeignKey(
        "actionplans.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("institution"),
    )
    role = models.CharField(
        _("what it does"), max_length=255, blank=True, help_text=_("Optional, in a few words.")
    )

    panels = [FieldPanel("institution"), FieldPanel("role")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class Milestone(TranslatableMixin, Orderable):
    """A verifiable step of a commitment; its status and weight drive the progress."""

    commitment = ParentalKey(CommitmentPage, on_delete=models.CASCADE, related_name="milestones")
    deliverable = models.CharField(_("deliverable"), max_length=500)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"))
    responsible_institution = models.ForeignKey(
        "actionplans.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible institution"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.NOT_STARTED,
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Only for a milestone in progress or delayed: how far it is, 0–100."),
    )
    weight = models.IntegerField(
        _("weight"),
        default=1,
        help_text=_("How much this milestone counts in the commitment's progress."),
    )
    evidence = StreamField(EvidenceBlock(), blank=True, verbose_name=_("evidence"))

    panels = [
        FieldPanel("deliverable"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("responsible_institution"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("percent_complete"), FieldPanel("weight")]),
        FieldPanel("evidence"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.deliverable

    def clean(self):
        super().clean()
        check_dates(self.start_date, self.end_date)
        if self.weight is not None and self.weight < 0:
            raise ValidationError({"weight": _("The weight cannot be negative.")})
        if self.percent_complete is not None and not 0 <= self.percent_complete <= 100:
            raise ValidationError(
                {"percent_complete": _("Progress must be between 0 and 100 per cent.")}
            )


class CommitmentDocument(TitledRelatedDocument):
    """A document linked to a commitment."""

    commitment = ParentalKey(CommitmentPage, on_delete=models.CASCADE, related_name="documents")


class CommitmentRelatedPage(RelatedPage):
    """Any page that shaped or reports on a commitment: news, a consultation, an event."""

    commitment = ParentalKey(CommitmentPage, on_delete=models.CASCADE, related_name="related_pages")
