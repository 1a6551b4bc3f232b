"""The consultations index and the consultation pages under it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.blocks import BodyBlock
from cms.core.models import BasePage
from cms.core.related import RelatedDocument
from cms.core.visibility import public_pages
from plugins.consultations.blocks import QuestionsBlock
from plugins.consultations.forms_admin import ConsultationPageForm
from plugins.consultations.models.topics import ConsultationTopic
from plugins.consultations.status import ConsultationStatus


class ConsultationIndexPage(BasePage):
    """The list of a site's consultations in one language: open, upcoming and closed."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultations index")
        verbose_name_plural = _("consultations indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.consultations_context(request))
        return context

    def consultations_context(self, request):
        now = timezone.now()
        consultations = (
            public_pages(ConsultationPage.objects.child_of(self))
            .select_related("topic")
            .order_by("closes_at")
        )
        topics = list(
            ConsultationTopic.objects.filter(
                locale=self.locale,
                live=True,
                translation_key__in=ConsultationTopic.objects.filter(
                    pk__in=consultations.values("topic_id")
                ).values("translation_key"),
            )
        )
        chosen = None
        slug = request.GET.get("topic", "")
        if slug:
            chosen = next((topic for topic in topics if topic.slug == slug), None)
            if chosen is not None:
                consultations = consultations.filter(topic__translation_key=chosen.translation_key)
            else:
                consultations = consultations.none()
        groups = {
            ConsultationStatus.OPEN: [],
            ConsultationStatus.UPCOMING: [],
            ConsultationStatus.CLOSED: [],
        }
        for consultation in consultations:
            groups[consultation.status(now)].append(consultation)
        groups[ConsultationStatus.CLOSED].reverse()
        return {
            "open_consultations": groups[ConsultationStatus.OPEN],
            "upcoming_consultations": groups[ConsultationStatus.UPCOMING],
            "closed_consultations": groups[ConsultationStatus.CLOSED],
            "topics": topics,
            "chosen_topic": chosen,
            "topic_filter_invalid": bool(slug) and chosen is None,
        }


class Respondents(models.TextChoices):
    CITIZENS = "citizens", _("Signed-in citizens with a verified email address")
    EMAIL = "email", _("Anyone who confirms an email address")


class ResultsVisibility(models.TextChoices):
    LIVE = "live", _("Live, while the consultation is open")
    AFTER_CLOSING = "after_closing", _("After the consultation closes")


class ConsultationPage(RoutablePageMixin, BasePage):
    """A consultation on a draft policy: what is proposed, the draft documents, the questions,
    who may answer and when; its results and the report of what was done with them."""

    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    topic = models.ForeignKey(
        "consultations.ConsultationTopic",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    respondents = models.CharField(
        _("who may respond"),
        max_length=20,
        choices=Respondents.choices,
        default=Respondents.CITIZENS,
    )
    results_visibility = models.CharField(
        _("results are shown"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSING,
    )
    questions = StreamField(QuestionsBlock(), blank=True, verbose_name=_("questions"))
    report_intro = models.TextField(
        _("introduction to the report"),
        blank=True,
        help_text=_("What the council did with the responses, in a few sentences."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("topic"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("respondents"),
                FieldPanel("results_visibility"),
            ],
            heading=_("Taking part"),
        ),
        FieldPanel("body"),
        InlinePanel("draft_documents", label=_("Draft documents under consultation")),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("report_intro"), InlinePanel("decisions", label=_("Decisions"))],
            heading=_("Report: you said, we did"),
        ),
        InlinePanel("shaped_commitments", label=_("Commitments this consultation shaped")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A consultation must close after it opens.")})

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        return ConsultationStatus.CLOSED

    def is_open(self, now=None):
        return self.status(now) == ConsultationStatus.OPEN

    def results_visible(self, now=None):
        status = self.status(now)
        if self.results_visibility == ResultsVisibility.LIVE:
            return status != ConsultationStatus.UPCOMING
        return status == ConsultationStatus.CLOSED

    @property
    def consultation_key(self):
        """The key shared by every language version: responses are stored against it."""
        return self.translation_key

    @cached_property
    def question_list(self):
        from plugins.consultations.questions import questions_of

        return questions_of(self)

    def report_decisions(self):
        """The decisions in this language, else those of a version that has them (the
        report may not have been translated yet)."""
        decisions = list(self.decisions.all())
        if decisions:
            return decisions
        for other in public_pages(self.get_translations()).specific():
            found = list(other.decisions.all())
            if found:
                return found
        return []

    def get_context(self, request, *args, **kwargs):
        from plugins.consultations.views.public import consultation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(consultation_context(self, request))
        return context

    @path("results/")
    def results_view(self, request):
        from plugins.consultations.views.public import results

        return results(self, request)

    @re_path(r"^results/(?P<fmt>csv|json)/$")
    def results_data_view(self, request, fmt):
        from plugins.consultations.views.public import results_data

        return results_data(self, request, fmt)

    @path("report/")
    def report_view(self, request):
        from plugins.consultations.views.public import report

        return report(self, request)


class ConsultationDocument(RelatedDocument):
    """A draft document under consultation (from the document archive)."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="draft_documents")


class ConsultationCommitment(Orderable):
    """A commitment (or any page) that this consultation shaped."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="shaped_commitments"
    )
    commitment = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("commitment")]


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOTED = "noted", _("Noted")


class ConsultationDecision(TranslatableMixin, Orderable):
    """What the council decided on one proposal or free-text answer, and why."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="decisions")
    proposal = models.TextField(_("proposal"), max_length=2000)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reason"), max_length=4000)
    answer_reference = models.CharField(
        _("answer number"),
        max_length=20,
        blank=True,
        help_text=_("The number of the free-text answer this decision is about, if any."),
    )

    override_translatable_fields = [SynchronizedField("answer_reference")]
    panels = [
        FieldPanel("proposal"),
        FieldPanel("decision"),
        FieldPanel("reason"),
        FieldPanel("answer_reference"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["sort_order"]
