from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.archive.admin_api import scope_admin_api_by_collection
from cms.archive.models import DocumentType
from cms.archive.serving import refuse_private_document


@hooks.register("before_serve_document", order=100)
def hide_private_documents(document, request):
    """404 for a private document unless an editor asks (after Wagtail's own checks)."""
    refuse_private_document(document, request)


hooks.register("construct_admin_api", scope_admin_api_by_collection, order=100)


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    list_display = ["name", "slug", "locale"]
    ordering = ["sort_order", "name"]


register_snippet(DocumentTypeViewSet)
