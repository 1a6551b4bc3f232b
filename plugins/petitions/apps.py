from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    """E-petitions: citizens start petitions, others sign, the council answers in public."""

    name = "plugins.petitions"
    label = "petitions"
    verbose_name = _("Petitions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from plugins.petitions import search_sync

        search_sync.connect()

    def contributions(self):
        from cms.core.extensions import ACCOUNT_PAGE
        from cms.core.manifest import Contributions, Extension, Moments, OpenDataExport, UserData
        from plugins.petitions.calendar_source import (
            ANSWER_DUE,
            COLLECTION_END,
            petition_dates,
        )
        from plugins.petitions.models import Petition
        from plugins.petitions.search_source import petitions_source
        from plugins.petitions.userdata import erase_petitions, export_petitions
        from plugins.petitions.wagtail_hooks import account_petitions

        return Contributions(
            search_sources=(petitions_source(),),
            calendar_sources=(petition_dates,),
            calendar_kinds={
                COLLECTION_END: _("end of a petition's signature collection"),
                ANSWER_DUE: _("deadline for the council's answer to a petition"),
            },
            userdata=(UserData("petitions", export_petitions, erase_petitions),),
            # The end of a collection and an answer's deadline change the pages without a save.
            moments=(Moments(Petition, ("collection_ends_at", "answer_due_at")),),
            extensions=(Extension(ACCOUNT_PAGE, account_petitions),),
            demo="plugins.petitions.demo",
            demo_order=70,
            open_data=(
                OpenDataExport(
                    "petitions.PetitionIndexPage", {"csv": "data/csv/", "json": "data/json/"}
                ),
            ),
        )
