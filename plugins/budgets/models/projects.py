"""Projects citizens propose, their images, review, implementation and counted result."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from cms.core.models import CitizenContribution

#: Amounts of money: the cycle's budget, districts, costs, spending.
MONEY = {"max_digits": 14, "decimal_places": 2}


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    FEASIBLE = "feasible", _("Feasible")
    INFEASIBLE = "infeasible", _("Not feasible")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class BudgetProject(CitizenContribution, ClusterableModel):
    """A project a citizen proposed for a cycle, its review and, once it won, its
    implementation (milestones, spending, photos)."""

    cycle = models.ForeignKey(
        "budgets.BudgetCyclePage",
        verbose_name=_("budget cycle"),
        on_delete=models.CASCADE,
        related_name="budget_projects",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10000)
    district = models.ForeignKey(
        "budgets.BudgetDistrict",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        "budgets.BudgetCategory",
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    cost_estimate = models.DecimalField(_("cost estimate"), **MONEY)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PROPOSED,
        db_index=True,
    )
    review_reason = models.TextField(_("reason of the review (public)"), blank=True)
    reviewed_cost = models.DecimalField(
        _("corrected cost"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    votes = models.PositiveIntegerField(_("votes"), default=0, editable=False)

    class Meta:
        verbose_name = _("budget project")
        verbose_name_plural = _("budget projects")
        ordering = ["cycle", "title", "pk"]
        permissions = [("review_project", _("Can review budget projects"))]

    def __str__(self):
        return self.title

    @property
    def cost(self):
        """The cost used for voting and counting: the reviewed cost, else the estimate."""
        return self.reviewed_cost if self.reviewed_cost is not None else self.cost_estimate

    @property
    def is_votable(self):
        return self.status == ProjectStatus.FEASIBLE


class ProjectImage(models.Model):
    """An image the author attached to a project (checked by content when uploaded)."""

    project = models.ForeignKey(BudgetProject, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="budgets/projects/%Y/%m/")
    alt = models.CharField(_("description of the image"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("project image")
        verbose_name_plural = _("project images")

    def __str__(self):
        return self.alt or self.image.name


class ProjectMilestone(Orderable):
    """A step of a winning project's implementation."""

    project = ParentalKey(BudgetProject, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_at = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("due_date"), FieldPanel("done_at")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")


class ProjectSpending(Orderable):
    """Money spent on a winning project."""

    project = ParentalKey(BudgetProject, on_delete=models.CASCADE, related_name="spendings")
    date = models.DateField(_("date"))
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(0)], **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("amount")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("spending")
        verbose_name_plural = _("spending")


class ProjectPhoto(Orderable):
    """A photo of a project's implementation."""

    project = ParentalKey(BudgetProject, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    taken_at = models.DateField(_("taken on"), null=True, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("taken_at")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class ProjectResult(models.Model):
    """The stored outcome of counting for one project (the results page reads it)."""

    cycle = models.ForeignKey(
        "budgets.BudgetCyclePage", on_delete=models.CASCADE, related_name="project_results"
    )
    project = models.ForeignKey(BudgetProject, on_delete=models.CASCADE, related_name="results")
    votes = models.PositiveIntegerField(default=0)
    selected = models.BooleanField(default=False)
    # Funded by a completion, with the money the counting rule itself left (see counting).
    by_completion = models.BooleanField(default=False)
    rank = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "project"], name="budgets_one_result_per_project"
            ),
        ]

    def __str__(self):
        return f"{self.project_id}: {self.votes}"
