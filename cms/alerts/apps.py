from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Emergency notices: a banner an editor switches on for one site, in its languages."""

    name = "cms.alerts"
    label = "alerts"
    verbose_name = _("Emergency notices")

    def ready(self):
        from cms.alerts.notices import connect

        connect()
