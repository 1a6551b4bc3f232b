"""Building documents and archive pages for the archive's tests."""

import io
from datetime import date

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site

from cms.archive.models import DocumentArchivePage, DocumentType
from fixtures.archive_files import make_pdf

Document = get_document_model()


def site(slug):
    return Site.objects.get(site_name=slug)


def archive_page(slug, language):
    """The demo archive page of site `slug` in `language`."""
    locale = Locale.objects.get(language_code=language)
    root = site(slug).root_page
    return DocumentArchivePage.objects.descendant_of(root.get_translation(locale)).get()


def doc_type(slug):
    return DocumentType.objects.get(slug=slug, locale__language_code="en")


def pdf_bytes(title="Test"):
    return make_pdf(title, ["Text of the test document."], "en")


def make_document(site_slug, title, *, content=None, filename="test.pdf", **fields):
    """A saved document of `site_slug` with a real file (a small PDF unless `content`)."""
    fields.setdefault("language", "en")
    document = Document(title=title, site=site(site_slug), **fields)
    data = content if content is not None else pdf_bytes(title)
    document.file.save(filename, ContentFile(data), save=False)
    document.original_filename = filename
    document._set_document_file_metadata()
    document.save()
    return document


def bulk_documents(site_slug, count, *, prefix="Bulk document", **fields):
    """`count` documents without files or search index entries (for listing tests)."""
    target = site(site_slug)
    Document.objects.bulk_create(
        Document(
            title=f"{prefix} {number:04d}",
            file=f"documents/bulk-{number}.pdf",
            file_size=1024,
            site=target,
            date_adopted=date(2000 + number % 20, 1 + number % 12, 1),
            collection_id=1,
            **fields,
        )
        for number in range(count)
    )


def upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()
