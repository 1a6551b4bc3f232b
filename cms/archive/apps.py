from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "cms.archive"
    label = "archive"
    verbose_name = _("Archive")

    def ready(self):
        from taggit.models import TaggedItem
        from wagtail.documents import get_document_model

        from cms.archive.models import DocumentType
        from cms.core import chrome

        # Kept with the page frame: the archive's filter choices, its pages of documents and
        # their HTML (DocumentArchivePage.index_view, {% keep %} in its template).
        chrome.watch(get_document_model(), DocumentType, TaggedItem)

    def contributions(self):
        from cms.archive.search_source import documents_source
        from cms.core.manifest import Contributions

        return Contributions(
            search_sources=(documents_source(),), demo="cms.archive.demo", demo_order=10
        )
