"""Budget cycles (one page per cycle and language) with their districts and categories."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.core.models import BasePage
from cms.core.routes import RoutesModulePage
from plugins.budgets.models.projects import MONEY, BudgetProject, ProjectStatus


class CycleKind(models.TextChoices):
    CIVIC = "civic", _("Civic budget")
    SCHOOL = "school", _("School budget")


class BallotRule(models.TextChoices):
    APPROVAL = "approval", _("Choose up to a number of projects")
    KNAPSACK = "knapsack", _("Choose any projects whose costs fit the budget")


class CountingRule(models.TextChoices):
    GREEDY = "greedy", _("Most votes first, while the money lasts")
    MES = "mes", _("Method of Equal Shares")
    MES_COMPLETED = (
        "mes_completed",
        _("Method of Equal Shares, completed: shares raised, then most votes first"),
    )


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PROPOSALS = "proposals", _("Proposals")
    REVIEW = "review", _("Review")
    VOTING = "voting", _("Voting")
    COUNTING = "counting", _("Counting")
    RESULTS = "results", _("Results")
    IMPLEMENTATION = "implementation", _("Implementation")


PHASE_FIELDS = (
    "proposals_open",
    "proposals_close",
    "review_close",
    "voting_open",
    "voting_close",
    "results_at",
)


def default_currency(page=None):
    """The currency of the site's profile (`[budgets] currency`), else the euro."""
    from cms.core.manifest import profile_of

    profile = profile_of(page)
    return str(profile.table("budgets").get("currency", "EUR")).upper()


class BudgetCyclePage(RoutesModulePage, BasePage):
    """One participatory budget cycle (a year's civic budget, or a school's): its money,
    districts and categories, ballot and counting rules and the dates of its phases.
    Projects, ballots and codes belong to the source page (see `source`) and are shared by
    every translation. Its sub-routes are in plugins/budgets/routes.py."""

    routes_module = "plugins.budgets.routes"

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    kind = models.CharField(
        _("kind"), max_length=10, choices=CycleKind.choices, default=CycleKind.CIVIC
    )
    total_amount = models.DecimalField(
        _("total budget"), validators=[MinValueValidator(0)], **MONEY
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        help_text=_("Three letters (UAH, EUR, BGN). Empty: the site's currency."),
    )
    ballot_rule = models.CharField(
        _("ballot rule"), max_length=10, choices=BallotRule.choices, default=BallotRule.APPROVAL
    )
    max_choices = models.PositiveSmallIntegerField(
        _("projects a voter may choose"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Used by the rule 'choose up to a number of projects'."),
    )
    counting_rule = models.CharField(
        _("counting rule"), max_length=20, choices=CountingRule.choices, default=CountingRule.GREEDY
    )
    proposals_open = models.DateTimeField(_("proposals open"))
    proposals_close = models.DateTimeField(_("proposals close"))
    review_close = models.DateTimeField(_("review ends"))
    voting_open = models.DateTimeField(_("voting opens"))
    voting_close = models.DateTimeField(_("voting closes"))
    results_at = models.DateTimeField(_("results published"))
    implementation_from = models.DateTimeField(_("implementation starts"), null=True, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("total_amount"), FieldPanel("currency")]),
            ],
            heading=_("Money"),
        ),
        InlinePanel("districts", label=_("Districts")),
        InlinePanel("categories", label=_("Categories")),
        MultiFieldPanel(
            [FieldPanel("ballot_rule"), FieldPanel("max_choices"), FieldPanel("counting_rule")],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("proposals_open"), FieldPanel("proposals_close")]),
                FieldPanel("review_close"),
                FieldRowPanel([FieldPanel("voting_open"), FieldPanel("voting_close")]),
                FieldRowPanel([FieldPanel("results_at"), FieldPanel("implementation_from")]),
            ],
            heading=_("Phases"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "kind",
            "total_amount",
            "currency",
            "ballot_rule",
            "max_choices",
            "counting_rule",
            *PHASE_FIELDS,
            "implementation_from",
        )
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("participatory budget cycle")
        verbose_name_plural = _("participatory budget cycles")

    def clean(self):
        super().clean()
        dates = [getattr(self, name) for name in PHASE_FIELDS]
        if all(dates) and any(a > b for a, b in zip(dates, dates[1:], strict=False)):
            raise ValidationError(
                _(
                    "The phases must follow each other: proposals open, "
                    "proposals close, review ends, voting opens, voting "
                    "closes, results."
                )
            )
        if self.currency and not (len(self.currency) == 3 and self.currency.isalpha()):
            raise ValidationError({"currency": _("Write the currency as three letters.")})

    def save(self, *args, **kwargs):
        if not self.currency:
            self.currency = default_currency(self)
        self.currency = self.currency.upper()
        return super().save(*args, **kwargs)

    def phase_at(self, now=None):
        """The phase at `now` (default: now)."""
        now = now or timezone.now()
        if now < self.proposals_open:
            return Phase.UPCOMING
        if now < self.proposals_close:
            return Phase.PROPOSALS
        if now < self.voting_open:
            return Phase.REVIEW
        if now < self.voting_close:
            return Phase.VOTING
        if now < self.results_at:
            return Phase.COUNTING
        if self.implementation_from and now >= self.implementation_from:
            return Phase.IMPLEMENTATION
        return Phase.RESULTS

    @property
    def phase(self):
        return self.phase_at()

    @property
    def phase_label(self):
        return Phase(self.phase).label

    @property
    def source(self):
        """The language version that projects, ballots and codes belong to: the first one
        created. Looked up once per instance (a request's page asks for it many times)."""
        if self.pk is None:
            return self
        cached = self.__dict__.get("_source_page")
        if cached is None or cached[0] != self.translation_key:
            first = (
                BudgetCyclePage.objects.filter(translation_key=self.translation_key)
                .order_by("pk")
                .first()
            )
            source = self if first is None or first.pk == self.pk else first
            cached = self.__dict__["_source_page"] = (self.translation_key, source)
        return cached[1]

    @property
    def is_school(self):
        return self.kind == CycleKind.SCHOOL

    def projects(self):
        """Every project of the cycle (of any language version)."""
        return BudgetProject.objects.filter(cycle__translation_key=self.translation_key)

    def projects_public(self):
        """Whether the projects may be shown here: only while the language version they
        belong to (`source`) is live and public, so a restriction on it, or unpublishing
        it, hides them from every language version at once."""
        from cms.core.visibility import is_public

        source = self.source
        return source.pk == self.pk or is_public(source)

    def listed_projects(self):
        """The projects this language version may show (none while `source` is private)."""
        projects = self.projects()
        return projects if self.projects_public() else projects.none()

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is not None and getattr(view, "__name__", "") != "project_list":
            if not self.projects_public():
                raise Http404
        return super().serve(request, view, args, kwargs)

    def votable_projects(self):
        return self.projects().filter(status=ProjectStatus.FEASIBLE)

    def source_districts(self):
        return BudgetDistrict.objects.filter(
            page__translation_key=self.translation_key, page_id=self.source.pk
        )

    def source_categories(self):
        return BudgetCategory.objects.filter(
            page__translation_key=self.translation_key, page_id=self.source.pk
        )

    def local_name(self, item):
        """The name of a source district or category in this page's language."""
        if item is None:
            return ""
        related = self.districts if isinstance(item, BudgetDistrict) else self.categories
        local = next((x for x in related.all() if x.translation_key == item.translation_key), None)
        return (local or item).name

    def project_or_404(self, pk):
        try:
            return self.projects().select_related("district", "category").get(pk=pk)
        except (BudgetProject.DoesNotExist, ValueError):
            raise Http404 from None


class BudgetDistrict(TranslatableMixin, Orderable):
    """A part of the city with its own share of the budget (optional)."""

    page = ParentalKey(BudgetCyclePage, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=120)
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(0)], **MONEY)

    override_translatable_fields = [SynchronizedField("amount")]
    panels = [FieldPanel("name"), FieldPanel("amount")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class BudgetCategory(TranslatableMixin, Orderable):
    """A theme projects are filed under (parks, schools, roads...)."""

    page = ParentalKey(BudgetCyclePage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name
