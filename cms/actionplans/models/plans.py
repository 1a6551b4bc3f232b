from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.models import BasePage
from cms.core.related import TitledRelatedDocument
from cms.core.visibility import public_pages

from ..choices import PlanStatus
from .commitments import CommitmentPage, CommitmentPartner, Milestone
from .richtext import RICH_TEXT


class ActionPlanPage(RoutablePageMixin, BasePage):
    """One OGP action plan of a jurisdiction: its period, how it was co-created and who
    oversees it. Its commitments are child pages; its exports are sub-URLs."""

    jurisdiction = models.CharField(_("jurisdiction"), max_length=255)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.IN_PREPARATION
    )
    intro = models.TextField(_("introduction"), blank=True)
    strategic_vision = RichTextField(_("strategic vision"), features=RICH_TEXT, blank=True)
    co_creation = RichTextField(_("co-creation process"), features=RICH_TEXT, blank=True)
    forum = RichTextField(_("multi-stakeholder forum"), features=RICH_TEXT, blank=True)
    monitoring_body = RichTextField(
        _("monitoring body"),
        features=RICH_TEXT,
        blank=True,
        help_text=_("Who monitors the implementation and how."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("jurisdiction"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        FieldPanel("status"),
        FieldPanel("intro"),
        FieldPanel("strategic_vision"),
        MultiFieldPanel(
            [
                FieldPanel("co_creation"),
                InlinePanel("meetings", label=_("Co-creation meetings")),
                InlinePanel("links", label=_("Links")),
            ],
            heading=_("Co-creation"),
        ),
        FieldPanel("forum"),
        FieldPanel("monitoring_body"),
        InlinePanel("documents", label=_("Source documents")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("jurisdiction"),
        index.SearchField("intro"),
        index.SearchField("strategic_vision"),
        index.SearchField("co_creation"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["actionplans.CommitmentPage"]

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    def get_cached_paths(self):
        return ["/", "/data/csv/", "/data/json/"]

    def public_commitments(self):
        """The plan's live public commitments with milestones and institutions prefetched."""
        return list(
            public_pages(CommitmentPage.objects.child_of(self))
            .select_related("locale", "lead_institution")
            .prefetch_related(
                Prefetch(
                    "milestones",
                    queryset=Milestone.objects.select_related("responsible_institution"),
                    to_attr="milestone_list",
                ),
                Prefetch(
                    "partners",
                    queryset=CommitmentPartner.objects.select_related("institution"),
                    to_attr="partner_list",
                ),
            )
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        from ..views import plan_context

        context = super().get_context(request, *args, **kwargs)
        context.update(plan_context(self, request))
        return context

    @path("data/csv/", name="export_csv")
    def export_csv(self, request):
        from ..exports import csv_response

        return csv_response(self, request)

    @path("data/json/", name="export_json")
    def export_json(self, request):
        from ..exports import json_response

        return json_response(self, request)


class ActionPlanMeeting(Orderable):
    """A meeting of the co-creation process."""

    plan = ParentalKey(ActionPlanPage, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"), null=True, blank=True)
    date_text = models.CharField(
        _("when (if no exact date)"),
        max_length=100,
        blank=True,
        help_text=_("For example “June – July 2023”."),
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("who took part and what was decided"), blank=True)
    url = models.URLField(_("link to minutes or report"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_text")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("url"),
    ]


class ActionPlanLink(Orderable):
    """A link about the co-creation (a consultation, a survey, a recording)."""

    plan = ParentalKey(ActionPlanPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("address"))

    panels = [FieldPanel("title"), FieldPanel("url")]


class ActionPlanDocument(TitledRelatedDocument):
    """A source document of the plan (the adopted plan, a council decision, a report)."""

    plan = ParentalKey(ActionPlanPage, on_delete=models.CASCADE, related_name="documents")
