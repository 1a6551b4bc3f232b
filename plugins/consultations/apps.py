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
        from cms.core.frontcache import register_moments
        from plugins.consultations.models import ConsultationPage
        from plugins.consultations.userdata import erase_responses, export_responses

        # Opening and closing change the page, the index and the results without a save.
        register_moments(ConsultationPage, "opens_at", "closes_at")

        userdata.register("consultations", exporter=export_responses, eraser=erase_responses)
