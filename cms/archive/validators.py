"""Checks on uploaded document files: allowed extensions, size, and content that matches.

A file is refused when its first bytes do not belong to the format its extension names, so a
web page renamed to `.pdf` cannot be published as a council document.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

ALLOWED_EXTENSIONS = (
    "pdf",
    "doc",
    "docx",
    "odt",
    "xls",
    "xlsx",
    "ods",
    "csv",
    "txt",
    "rtf",
    "zip",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
)

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_HEADERS = (b"PK\x03\x04", b"PK\x05\x06")
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
#: Markers of content a browser would run or render as a page.
ACTIVE_MARKERS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<meta",
    b"<link",
    b"<style",
    b"<form",
    b"<img",
    b"javascript:",
)
SNIFF_BYTES = 64 * 1024


def allowed_extensions():
    return getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or ALLOWED_EXTENSIONS


def max_upload_bytes():
    return getattr(settings, "DOCUMENT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def _read(uploaded, limit=None):
    uploaded.seek(0)
    data = uploaded.read() if limit is None else uploaded.read(limit)
    uploaded.seek(0)
    return data


def _looks_active(data):
    lowered = data.lower()
    return any(marker in lowered for marker in ACTIVE_MARKERS)


def _is_text(data):
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "cp1251", "cp1250"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _zip_names(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None, b""
    finally:
        uploaded.seek(0)
    return names, mimetype.strip()


def _image_format(uploaded):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(uploaded) as image:
            image.verify()
            return image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        uploaded.seek(0)


def content_matches_extension(uploaded, extension):
    """Whether the file's bytes are what its extension promises."""
    head = _read(uploaded, SNIFF_BYTES)
    if extension == "pdf":
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-")
    if extension in ("doc", "xls"):
        return head.startswith(OLE_HEADER)
    if extension in ("docx", "xlsx", "odt", "ods", "zip"):
        if not head.startswith(ZIP_HEADERS):
            return False
        names, mimetype = _zip_names(uploaded)
        if names is None:
            return False
        if extension in OOXML_FOLDERS:
            folder = OOXML_FOLDERS[extension]
            return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
        if extension in ODF_MIMETYPES:
            return mimetype == ODF_MIMETYPES[extension]
        return True
    if extension == "rtf":
        return head.startswith(b"{\\rtf") and not _looks_active(head)
    if extension in ("csv", "txt"):
        return _is_text(head) and not _looks_active(head)
    if extension in IMAGE_FORMATS:
        return _image_format(uploaded) == IMAGE_FORMATS[extension]
    return False


def validate_document_file(uploaded):
    """Raise ValidationError with a message for the editor when `uploaded` is refused."""
    name = os.path.basename(getattr(uploaded, "name", "") or "")
    extension = os.path.splitext(name)[1][1:].lower()
    allowed = [item.lower() for item in allowed_extensions()]
    if extension not in allowed:
        raise ValidationError(
            _("Files of type “%(extension)s” cannot be uploaded. Allowed types: %(allowed)s.")
            % {
                "extension": extension or _("no extension"),
                "allowed": ", ".join(allowed),
            },
            code="invalid_extension",
        )
    size = uploaded.size
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest file allowed is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty_file")
    if not content_matches_extension(uploaded, extension):
        raise ValidationError(
            _(
                "The content of this file is not a valid %(format)s file. It may be damaged, "
                "or its name ends in the wrong extension."
            )
            % {"format": extension.upper()},
            code="content_mismatch",
        )
