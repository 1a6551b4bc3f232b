from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .models import CommitmentPage, Institution, ProgressUpdate
from .reports import OverdueMilestonesReport


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = _("Institutions")
    list_display = ["name", "actor_type", "locale"]
    list_filter = ["actor_type", "locale"]
    search_fields = ["name"]


class ProgressUpdateCreateView(CreateView):
    """Opens with the commitment already chosen when called from the commitment's page."""

    def get_initial(self):
        initial = super().get_initial()
        commitment = self.request.GET.get("commitment", "")
        if commitment.isdigit() and CommitmentPage.objects.filter(pk=commitment).exists():
            initial["commitment"] = int(commitment)
        return initial


class ProgressUpdateViewSet(SnippetViewSet):
    model = ProgressUpdate
    icon = "time"
    menu_label = _("Progress updates")
    add_view_class = ProgressUpdateCreateView
    list_display = ["__str__", "commitment", "date", "author", "locale"]
    list_filter = ["locale"]
    ordering = ["-date"]


register_snippet(InstitutionViewSet)
register_snippet(ProgressUpdateViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/overdue-milestones/",
            OverdueMilestonesReport.as_view(),
            name="actionplans_overdue",
        ),
        path(
            "reports/overdue-milestones/results/",
            OverdueMilestonesReport.as_view(results_only=True),
            name="actionplans_overdue_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_overdue_report_menu_item():
    return MenuItem(
        _("Overdue milestones"),
        reverse("actionplans_overdue"),
        name="overdue-milestones",
        icon_name="warning",
        order=650,
    )


@hooks.register("register_page_header_buttons")
def add_progress_update_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, CommitmentPage) and user.has_perm(
        "actionplans.add_progressupdate"
    ):
        url = reverse(ProgressUpdateViewSet().get_url_name("add"))
        yield PageMenuItem(
            _("Add a progress update"),
            url=f"{url}?commitment={page.pk}",
            icon_name="time",
            priority=25,
            page=page,
        )
