"""A petition's attachment: the file of a public petition to anyone; of one awaiting
moderation or refused, to its author and its moderators only. Never by the file's address:
the folder is internal (site/deploy/nginx.conf), the file goes out through sendfile."""

import mimetypes
import os

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django_sendfile import sendfile

INLINE_TYPES = ("image/jpeg", "image/png")


def _may_see(request, petition):
    if petition.is_public:
        return True
    user = request.user
    if not user.is_authenticated:
        return False
    if petition.author_id == user.pk:
        return True
    from plugins.petitions.rights import can_moderate

    return can_moderate(user, petition)


def download(page, request, petition, attachment_pk):
    attachment = petition.attachments.filter(pk=attachment_pk).first()
    if attachment is None or not _may_see(request, petition):
        raise Http404
    name = os.path.basename(attachment.file.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    try:
        path = attachment.file.path
    except NotImplementedError:  # object storage
        path = None
    if path and getattr(settings, "SENDFILE_BACKEND", None):
        response = sendfile(request, path, mimetype=content_type)
        if response.has_header("X-Accel-Redirect"):
            del response["Content-Length"]
    else:
        try:
            handle = attachment.file.open("rb")
        except (FileNotFoundError, OSError) as error:
            raise Http404 from error
        response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        content_type not in INLINE_TYPES, attachment.title or name
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    if not petition.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response
