from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    """Participatory budgets: citizens propose projects, the municipality reviews them,
    citizens (or pupils with voting codes) vote, and the winners are counted and built."""

    name = "plugins.budgets"
    label = "budgets"
    verbose_name = _("Participatory budgets")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from plugins.budgets import search_sync

        search_sync.connect()

    def contributions(self):
        from cms.core.extensions import ACCOUNT_PAGE
        from cms.core.manifest import (
            Contributions,
            Extension,
            Moments,
            OpenDataExport,
            UserData,
        )
        from cms.core.search_sources import SearchSource
        from plugins.budgets.calendar_source import budget_dates
        from plugins.budgets.models import BudgetCyclePage
        from plugins.budgets.search import indexed_projects, project_items
        from plugins.budgets.userdata import account_section, erase_budget_data, export_budget_data

        return Contributions(
            userdata=(UserData("budgets", export_budget_data, erase_budget_data),),
            # Each phase begins at a date: the cycle's pages change without a save.
            moments=(
                Moments(
                    BudgetCyclePage,
                    (
                        "proposals_open",
                        "proposals_close",
                        "voting_open",
                        "voting_close",
                        "results_at",
                        "implementation_from",
                    ),
                ),
            ),
            extensions=(Extension(ACCOUNT_PAGE, account_section),),
            search_sources=(
                SearchSource(
                    kind="budgets",
                    label=_("Participatory budgets"),
                    order=45,
                    page_models=("budgets.BudgetCyclePage",),
                    model="budgets.BudgetProject",
                    items=project_items,
                    queryset=indexed_projects,
                ),
            ),
            calendar_sources=(budget_dates,),
            calendar_kinds={
                "budget_phase": _("participatory budget date"),
                "budget_milestone": _("participatory budget project milestone"),
            },
            open_data=(
                OpenDataExport(
                    "budgets.BudgetCyclePage", {"csv": "data/csv/", "json": "data/json/"}
                ),
            ),
            demo="plugins.budgets.demo",
            demo_order=65,
        )
