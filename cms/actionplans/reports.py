"""The admin report of overdue milestones across every plan."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from cms.core.sites import profile_for_site, site_for_page
from cms.core.spreadsheets import SafeSpreadsheetExportMixin

from .models import Milestone
from .progress import UNFINISHED, is_overdue, local_today


def overdue_milestones():
    """Unfinished milestones past their end date in their own site's time zone."""
    latest_possible_today = datetime.date.today() + datetime.timedelta(days=1)
    candidates = (
        Milestone.objects.filter(status__in=UNFINISHED, end_date__lt=latest_possible_today)
        .select_related("commitment", "commitment__locale", "responsible_institution")
        .order_by("end_date", "commitment__path")
    )
    today_by_site = {}
    found = []
    for milestone in candidates:
        site = site_for_page(milestone.commitment)
        if site not in today_by_site:
            today_by_site[site] = local_today(profile_for_site(site).time_zone)
        if is_overdue(milestone, today_by_site[site]):
            milestone.days_overdue = (today_by_site[site] - milestone.end_date).days
            found.append(milestone)
    return found


class OverdueMilestonesReport(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Overdue milestones")
    header_icon = "warning"
    index_url_name = "actionplans_overdue"
    index_results_url_name = "actionplans_overdue_results"
    paginate_by = 100
    no_results_message = _("No milestone is overdue.")
    list_export = ["commitment.code", "deliverable", "end_date", "status", "days_overdue"]
    export_headings = {
        "commitment.code": _("Commitment"),
        "deliverable": _("Deliverable"),
        "end_date": _("End date"),
        "status": _("Status"),
        "days_overdue": _("Days overdue"),
    }
    columns = [
        Column("code", label=_("Commitment"), accessor="commitment.code"),
        TitleColumn(
            "deliverable",
            label=_("Deliverable"),
            url_name="wagtailadmin_pages:edit",
            id_accessor="commitment_id",
        ),
        Column("language", label=_("Language"), accessor="commitment.locale.get_display_name"),
        DateColumn("end_date", label=_("End date")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("days_overdue", label=_("Days overdue")),
        Column("responsible", label=_("Responsible"), accessor="responsible_institution"),
    ]

    def get_queryset(self):
        return overdue_milestones()

    def get_filename(self):
        return f"overdue-milestones-{datetime.date.today():%Y-%m-%d}"

    def user_has_permission(self, permission):
        return self.request.user.has_perm("wagtailadmin.access_admin")
