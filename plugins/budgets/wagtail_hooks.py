"""The budgets in the Wagtail admin: the review listing of projects (per cycle), the review
and implementation form of a project, and generating a school cycle's voting codes."""

from django.http import Http404
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.core.spreadsheets import SafeSpreadsheetExportMixin
from plugins.budgets import admin_views, rights
from plugins.budgets.admin_forms import ProjectReviewForm
from plugins.budgets.models import BudgetCyclePage, BudgetProject

register_permission_policy(BudgetProject, rights.ProjectReviewPolicy(BudgetProject))


class ReviewedSitesOnly:
    """A project of a site the user does not review is not there (404)."""

    def get_object(self, *args, **kwargs):
        project = super().get_object(*args, **kwargs)
        if not rights.can_review(self.request.user, project.cycle):
            raise Http404
        return project


class ReviewIndexView(SafeSpreadsheetExportMixin, snippet_views.IndexView):
    def get_base_queryset(self):
        return rights.within_sites(super().get_base_queryset(), self.request.user)

    @cached_property
    def filters(self):
        """The cycle filter offers the cycles of the reviewed sites only."""
        filterset = super().filters
        if filterset is not None and "cycle" in filterset.form.fields:
            field = filterset.form.fields["cycle"]
            field.queryset = rights.cycles_within_sites(field.queryset, self.request.user)
        return filterset


class ReviewEditView(ReviewedSitesOnly, snippet_views.EditView):
    pass


class ReviewHistoryView(ReviewedSitesOnly, snippet_views.HistoryView):
    pass


class ReviewUsageView(ReviewedSitesOnly, snippet_views.UsageView):
    pass


class BudgetProjectViewSet(SnippetViewSet):
    """Projects, filtered by cycle and status: the municipality's review listing, of the
    sites the user reviews (`plugins.budgets.rights`)."""

    model = BudgetProject
    index_view_class = ReviewIndexView
    edit_view_class = ReviewEditView
    history_view_class = ReviewHistoryView
    usage_view_class = ReviewUsageView
    icon = "tasks"
    menu_label = _("Budget projects")
    menu_order = 370
    add_to_admin_menu = True
    list_display = ["title", "cycle", "status", "cost", "votes", "reviewed_at"]
    list_filter = ["cycle", "status"]
    search_fields = ["title", "description", "location"]
    ordering = ["cycle", "status", "title"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("cycle"),
                    FieldPanel("title"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("district"), FieldPanel("category")]),
                    FieldPanel("location"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("cost_estimate"),
                ],
                heading=_("Proposal"),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("review_reason"), FieldPanel("reviewed_cost")],
                heading=_("Review"),
            ),
            InlinePanel("milestones", label=_("Milestones")),
            InlinePanel("spendings", label=_("Spending")),
            InlinePanel("photos", label=_("Photos")),
        ],
        base_form_class=ProjectReviewForm,
    )


register_snippet(BudgetProjectViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("budgets/", include((admin_views.urlpatterns, "budgets_admin")))]


@hooks.register("register_page_header_buttons")
def cycle_buttons(page, user, view_name, next_url=None):
    model = page.specific_class
    if not (model and issubclass(model, BudgetCyclePage)):
        return
    if not rights.can_review(user, page):
        return
    cycle = page.specific
    listing = reverse("wagtailsnippets_budgets_budgetproject:list")
    yield Button(
        _("Review the projects"),
        f"{listing}?cycle={cycle.source.pk}",
        icon_name="tasks",
        priority=40,
    )
    if cycle.is_school:
        yield Button(
            _("Voting codes"),
            reverse("budgets_admin:codes", args=[page.pk]),
            icon_name="key",
            priority=41,
        )


@hooks.register("register_group_permission_panel")
def register_review_sites_panel():
    """The review right is granted per site in the group editor, never globally."""
    return rights.ReviewSitesForm
