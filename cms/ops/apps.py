from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site for years: health, request ids and logs, the task queue's state,
    the page a citizen gets while the database is unreachable."""

    name = "cms.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from cms.ops.errors import init_sentry

        init_sentry()
