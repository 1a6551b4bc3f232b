from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """E-consultations: questionnaires on draft policies, results and a public report."""

    name = "plugins.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.core import userdata
        from plugins.consultations.userdata import erase_responses, export_responses

        userdata.register("consultations", exporter=export_responses, eraser=erase_responses)
