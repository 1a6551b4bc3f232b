"""Media files served by Django itself (`make run`, tests): public folders only.

Images and their renditions are public. Documents are never served from here: their
folder is refused, and they are reached only through the download view, which checks who
may have them. In production nginx serves the same folders (site/deploy/nginx.conf).
"""

import mimetypes
import posixpath
import re

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

#: The MEDIA_ROOT folders anyone may fetch by address (Wagtail's images and renditions).
PUBLIC_MEDIA_FOLDERS = ("original_images", "images")
#: Types a browser shows as a picture; any other file is only offered as a download.
INLINE_MEDIA_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif")


def serve_public_media(request, path):
    """A file of a public media folder, with headers that keep it from running as a page."""
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.split("/", 1)[0] not in PUBLIC_MEDIA_FOLDERS:
        raise Http404
    response = serve(request, normalised, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    content_type, _ = mimetypes.guess_type(normalised)
    if content_type not in INLINE_MEDIA_TYPES:
        response["Content-Disposition"] = "attachment"
    return response


def media_urlpatterns():
    """The address of public media, or nothing when the web server serves them."""
    prefix = settings.MEDIA_URL.lstrip("/")
    if not getattr(settings, "SERVE_MEDIA", settings.DEBUG) or "://" in settings.MEDIA_URL:
        return []
    return [re_path(rf"^{re.escape(prefix)}(?P<path>.*)$", serve_public_media, name="public_media")]
