from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "cms.actionplans"
    label = "actionplans"
    verbose_name = _("Action plans")

    def ready(self):
        from cms.actionplans.models import Milestone
        from cms.core.frontcache import register_moments

        # A milestone past its end date turns overdue (and its commitment late) by time alone.
        register_moments(Milestone, "end_date")
