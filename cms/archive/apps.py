from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "cms.archive"
    label = "archive"
    verbose_name = _("Archive")

    def contributions(self):
        from cms.archive.search_source import documents_source
        from cms.core.manifest import Contributions

        return Contributions(
            search_sources=(documents_source(),), demo="cms.archive.demo", demo_order=10
        )
