"""Upload validation: extensions, size and content that must match the extension."""

import io
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.users.models import UserProfile

from cms.archive.tests.factories import pdf_bytes, png_bytes, upload
from cms.archive.validators import validate_document_file
from fixtures.archive_files import make_csv, make_docx, make_odt

HTML = b"<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(1)</script>"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def zipped(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


def refusal(name, data):
    with pytest.raises(ValidationError) as raised:
        validate_document_file(upload(name, data))
    return raised.value


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.pdf", pdf_bytes()),
        ("Mapa otvoreného vládnutia.PDF", pdf_bytes()),
        ("letter.docx", make_docx("Title", ["Text"], "en")),
        ("letter.odt", make_odt("Title", ["Text"], "en")),
        ("table.csv", make_csv([["a", "b"], ["1", "2"]])),
        ("table.csv", "назва;сума\nбюджет;1\n".encode("cp1251")),
        ("notes.txt", "Рішення сесії: 1 < 2 і 3 > 2.".encode()),
        ("old.doc", OLE),
        ("old.xls", OLE),
        ("photo.png", png_bytes()),
        ("letter.rtf", rb"{\rtf1\ansi Hello}"),
        ("bundle.zip", zipped(["a.txt", "b.pdf"])),
        ("sheet.xlsx", zipped(["[Content_Types].xml", "xl/workbook.xml"])),
    ],
)
def test_valid_files_are_accepted(name, data):
    validate_document_file(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", HTML),
        ("report.pdf", b"   <html>%PDF-1.4"),
        ("report.docx", HTML),
        ("report.docx", zipped(["index.html"])),
        ("report.odt", zipped(["content.xml"])),
        ("report.doc", HTML),
        ("photo.png", HTML),
        ("photo.jpg", png_bytes()),
        ("notes.txt", HTML),
        ("notes.txt", b"hello\x00world"),
        ("table.csv", b"name\n<script>alert(1)</script>\n"),
        ("table.csv", b"<svg onload=alert(1)>"),
        ("letter.rtf", HTML),
        ("bundle.zip", b"PK\x03\x04 not really a zip"),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, data):
    error = refusal(name, data)
    assert error.code == "content_mismatch"
    assert "not a valid" in error.messages[0]


@pytest.mark.parametrize(
    "name", ["page.html", "drawing.svg", "run.exe", "script.js", "data.xml", "noextension", ".pdf"]
)
def test_other_extensions_are_refused(name):
    error = refusal(name, pdf_bytes())
    assert error.code == "invalid_extension"
    assert "pdf, doc, docx" in error.messages[0]


def test_an_oversize_file_is_refused_with_the_limit(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 2048
    data = pdf_bytes() + b"%" * 4096
    error = refusal("big.pdf", data)
    assert error.code == "file_too_large"
    assert "2.0\xa0KB" in error.messages[0]


def test_an_empty_file_is_refused():
    assert refusal("empty.pdf", b"").code == "empty_file"


def test_errors_are_translated():
    with translation.override("uk"):
        message = refusal("page.pdf", HTML).messages[0]
    assert "PDF" in message and "not a valid" not in message


@pytest.mark.django_db
class TestAdminUpload:
    """The Wagtail admin's upload form uses the model's validation."""

    @pytest.fixture
    def admin_client(self, client):
        user = User.objects.create_superuser("archivist", "archivist@example.org", "x")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(user)
        return client

    def post(self, client, name, data):
        return client.post(
            reverse("wagtaildocs:add"),
            {"title": "Uploaded " + name, "file": upload(name, data), "collection": 1},
        )

    def test_disguised_html_is_refused_with_a_message(self, admin_client):
        response = self.post(admin_client, "budget.pdf", HTML)
        assert response.status_code == 200
        assert "not a valid PDF file" in response.content.decode()
        assert not get_document_model().objects.filter(title="Uploaded budget.pdf").exists()

    def test_oversize_file_is_refused_with_a_message(self, admin_client, settings):
        settings.DOCUMENT_MAX_UPLOAD_BYTES = 1024
        response = self.post(admin_client, "big.pdf", pdf_bytes() + b"%" * 2048)
        assert response.status_code == 200
        assert "The file is too large" in response.content.decode()
        assert not get_document_model().objects.filter(title="Uploaded big.pdf").exists()

    def test_a_real_pdf_is_accepted_and_keeps_its_name(self, admin_client):
        response = self.post(admin_client, "Plán rozvoja 2030.pdf", pdf_bytes())
        assert response.status_code == 302
        document = get_document_model().objects.get(title="Uploaded Plán rozvoja 2030.pdf")
        assert document.original_filename == "Plán rozvoja 2030.pdf"
        assert document.file_size > 0

    def test_multiple_upload_refuses_disguised_html(self, admin_client):
        response = admin_client.post(
            reverse("wagtaildocs:add_multiple"),
            {"files[]": upload("budget.pdf", HTML), "collection": 1},
        )
        assert response.status_code == 200
        assert response.json()["success"] is False
        assert "not a valid PDF file" in response.json()["error_message"]
