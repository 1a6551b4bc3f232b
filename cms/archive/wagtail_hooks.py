from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.archive.models import DocumentType
from cms.archive.serving import serve_document


@hooks.register("before_serve_document", order=100)
def serve_council_document(document, request):
    """Runs after Wagtail's own collection view restrictions (order=100)."""
    return serve_document(document, request)


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "doc-full"
    list_display = ["name", "slug", "locale"]
    ordering = ["sort_order", "name"]


register_snippet(DocumentTypeViewSet)
