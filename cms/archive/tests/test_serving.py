"""Downloads: content type, attachment for active content, original names, private files."""

import pytest
from django.contrib.auth.models import Group, User

from cms.archive.tests.factories import make_document

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
XML = b'<?xml version="1.0"?><x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>'


def download(client, document):
    response = client.get(document.url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


@pytest.mark.parametrize(
    ("filename", "content", "content_type"),
    [
        ("page.html", HTML, "text/html"),
        ("page.htm", HTML, "text/html"),
        ("drawing.svg", SVG, "image/svg+xml"),
        ("data.xml", XML, "application/xml"),
        ("page.xhtml", HTML, "application/xhtml+xml"),
    ],
)
def test_active_content_is_always_an_attachment(client, filename, content, content_type):
    """Files uploaded before validation existed, or by code, still cannot run in the site."""
    document = make_document("ternopil", "Active", filename=filename, content=content)
    response, body = download(client, document)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith("attachment")
    assert filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert body == content


def test_pdf_is_shown_inline_with_its_name(client):
    document = make_document("ternopil", "Plan", filename="plan.pdf")
    response, body = download(client, document)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="plan.pdf"'
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body)


def test_csv_is_an_attachment_with_the_original_file_name(client):
    document = make_document("ternopil", "Table", filename="table.csv", content=b"a,b\n1,2\n")
    document.original_filename = "Звіт про бюджет 2024.csv"
    document.save()
    response, body = download(client, document)
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert (
        "filename*=utf-8''%D0%97%D0%B2%D1%96%D1%82%20%D0%BF%D1%80%D0%BE%20"
        "%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82%202024.csv"
    ) in disposition
    assert body == b"a,b\n1,2\n"


def test_a_wrong_file_name_in_the_address_is_not_found(client):
    document = make_document("ternopil", "Plan", filename="plan.pdf")
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404


def test_unchanged_file_answers_not_modified(client):
    document = make_document("ternopil", "Plan", filename="plan.pdf")
    first = client.get(document.url)
    assert first["ETag"]
    again = client.get(document.url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


@pytest.fixture
def private_document():
    return make_document("ternopil", "Draft budget", filename="draft.pdf", is_public=False)


def test_private_document_is_hidden_from_anonymous_readers(client, private_document):
    assert client.get(private_document.url).status_code == 404


def test_private_document_is_hidden_from_signed_in_citizens(client, private_document):
    citizen = User.objects.create_user("citizen", "citizen@example.org", "x")
    client.force_login(citizen)
    assert client.get(private_document.url).status_code == 404


def test_private_document_is_served_to_editors_and_not_cached(client, private_document):
    editor = User.objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response, body = download(client, private_document)
    assert response.status_code == 200
    assert body.startswith(b"%PDF-")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_private_document_is_served_to_superusers(client, private_document):
    admin = User.objects.create_superuser("admin-x", "admin-x@example.org", "x")
    client.force_login(admin)
    assert client.get(private_document.url).status_code == 200


def test_private_document_has_no_public_page(get, private_document):
    assert get("ternopil", f"/uk/arkhiv/{private_document.pk}/").status_code == 404
