from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    """Participatory budgets: citizens propose projects, the municipality reviews them,
    citizens (or pupils with voting codes) vote, and the winners are counted and built."""

    name = "plugins.budgets"
    label = "budgets"
    verbose_name = _("Participatory budgets")
    default_auto_field = "django.db.models.BigAutoField"

    def contributions(self):
        from cms.core.extensions import ACCOUNT_PAGE
        from cms.core.manifest import Contributions, Extension, Moments, UserData
        from plugins.budgets.models import BudgetCyclePage
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
        )
