from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "cms.actionplans"
    label = "actionplans"
    verbose_name = _("Action plans")

    def ready(self):
        from cms.actionplans.models import Institution
        from cms.core import chrome

        # Kept with the page frame: the plan page's commitments with their institutions'
        # names, and its HTML ({% keep %} in action_plan_page.html).
        chrome.watch(Institution)

    def contributions(self):
        from cms.actionplans.models import Milestone
        from cms.actionplans.sources import SEARCH_SOURCE, milestones_source
        from cms.core.manifest import Contributions, Moments, OpenDataExport

        return Contributions(
            search_sources=(SEARCH_SOURCE,),
            calendar_sources=(milestones_source,),
            calendar_kinds={"milestone": _("action plan milestone")},
            # A milestone past its end date turns overdue (and its commitment late) by time.
            moments=(Moments(Milestone, ("end_date",)),),
            open_data=(
                OpenDataExport(
                    "actionplans.ActionPlanPage", {"csv": "data/csv/", "json": "data/json/"}
                ),
            ),
            demo="cms.actionplans.demo",
            demo_order=30,
        )
