from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from wagtail import hooks
from wagtail.documents import get_document_model

from cms.archive.serving import serve_document


def serve(request, document_id, document_filename):
    """Wagtail's document download address, answered with the archive's safe headers.

    Runs the `before_serve_document` hooks first (Wagtail's collection view restrictions,
    the archive's check of private documents).
    """
    document = get_object_or_404(get_document_model(), id=document_id)
    if document.filename != document_filename:
        raise Http404
    for fn in hooks.get_hooks("before_serve_document"):
        result = fn(document, request)
        if isinstance(result, HttpResponse):
            return result
    return serve_document(document, request)
