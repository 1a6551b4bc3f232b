from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """E-consultations: questionnaires on draft policies, results and a public report."""

    name = "plugins.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
    default_auto_field = "django.db.models.BigAutoField"

    def contributions(self):
        from cms.core.extensions import ACCOUNT_PAGE, HOME_SECTIONS
        from cms.core.manifest import Contributions, Extension, Moments, OpenDataExport, UserData
        from cms.core.search_sources import SearchSource
        from plugins.consultations.calendar_source import consultation_deadlines
        from plugins.consultations.home import open_consultations_section
        from plugins.consultations.models import ConsultationPage
        from plugins.consultations.userdata import erase_responses, export_responses
        from plugins.consultations.wagtail_hooks import account_responses

        return Contributions(
            search_sources=(
                SearchSource(
                    kind="consultations",
                    label=_("Consultations"),
                    order=40,
                    page_models=("consultations.ConsultationPage",),
                ),
            ),
            calendar_sources=(consultation_deadlines,),
            calendar_kinds={"consultation_deadline": _("consultation deadline")},
            userdata=(UserData("consultations", export_responses, erase_responses),),
            # Opening and closing change the page, the index and the results without a save.
            moments=(Moments(ConsultationPage, ("opens_at", "closes_at")),),
            public_urls="plugins.consultations.urls",
            extensions=(
                Extension(ACCOUNT_PAGE, account_responses),
                Extension(HOME_SECTIONS, open_consultations_section, ("home.HomePage",)),
            ),
            open_data=(
                OpenDataExport(
                    "consultations.ConsultationPage",
                    {"csv": "results/csv/", "json": "results/json/"},
                ),
            ),
            demo="plugins.consultations.demo",
            demo_order=60,
        )
