"""How document files are sent: safe headers, the original name, private documents.

Every download goes through the download view (`/documents/<id>/<name>`), never a plain
media address. With `SENDFILE_BACKEND` set (production: nginx), the view only checks and
answers `X-Accel-Redirect` to nginx's `internal` location, which sends the file.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import condition
from django_sendfile import sendfile
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from cms.archive.admin_api import ADMIN_ACTIONS
from cms.core.visibility import visible_to

#: Types a browser would run as a page or script: never shown inline, whatever the settings.
ACTIVE_CONTENT_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
    "application/x-shockwave-flash",
}


def can_fetch_private(user, document):
    """Signed-in editors who may use the document in the admin (citizens may not)."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission_for_instance(user, ADMIN_ACTIONS, document)


def serves_inline(document):
    content_type = document.content_type.split(";")[0].strip().lower()
    if content_type in ACTIVE_CONTENT_TYPES or "xml" in content_type or "html" in content_type:
        return False
    inline = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
    return content_type in inline


def local_path(document):
    """The file's path on this machine, or None on object storage."""
    try:
        return document.file.path
    except NotImplementedError:
        return None


def used_only_on_hidden_pages(document, request):
    """Whether the document is used on pages only (a commitment's evidence, a link in a
    text), none of which this visitor (anonymous when `request` is None) may see; it is
    then as private as those pages.

    A document of the archive (with a site) is listed there as its own `is_public` says,
    and one used anywhere but on pages is not judged here.
    """
    if document.site_id is not None:
        return False
    users = set(
        ReferenceIndex.get_references_to(document)
        .values_list("base_content_type_id", "object_id")
        .distinct()
    )
    page_type = ContentType.objects.get_for_model(Page).pk
    if not users or any(content_type != page_type for content_type, _ in users):
        return False
    pages = Page.objects.filter(pk__in=[int(object_id) for _, object_id in users])
    return not visible_to(request, pages).exists()


def refuse_private_document(document, request):
    """Http404 for a private document, or one used only on pages the visitor may not see,
    unless the user may work on it in the admin."""
    hidden = not document.is_public or used_only_on_hidden_pages(document, request)
    if hidden and not can_fetch_private(request.user, document):
        raise Http404


def serve_document(document, request):
    """The file as a response, or Http404 for a private document the user may not fetch."""
    refuse_private_document(document, request)
    document_served.send(sender=get_document_model(), instance=document, request=request)

    def etag(request):
        return document.file_hash or None

    @condition(etag_func=etag)
    def send(request):
        as_attachment = not serves_inline(document)
        path = local_path(document)
        if path and getattr(settings, "SENDFILE_BACKEND", None):
            response = sendfile(request, path, mimetype=document.content_type)
            if response.has_header("X-Accel-Redirect"):
                del response["Content-Length"]  # nginx sends the file and its length
        else:
            try:
                handle = document.file.open("rb")
            except (FileNotFoundError, OSError) as error:
                raise Http404 from error
            response = FileResponse(handle, content_type=document.content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment, document.download_filename
        )
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["X-Content-Type-Options"] = "nosniff"
        if not document.is_public or used_only_on_hidden_pages(document, None):
            patch_cache_control(response, private=True, no_store=True)
            response["Vary"] = "Cookie"
        return response

    return send(request)
