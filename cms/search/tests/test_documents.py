"""Uploaded documents are found by the text inside their files, on their own site only,
and only while public."""

import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Site

from cms.search.extraction import ExtractionError, extract_text
from cms.search.models import DocumentText
from cms.search.tests.factories import docx_bytes, odt_bytes, pdf_bytes

pytestmark = pytest.mark.django_db


def result_urls(response):
    return re.findall(
        r'class="search-result__title"[^>]*><a href="([^"]+)"', response.content.decode()
    )


def upload(site_name, name, data, title, **fields):
    document = get_document_model()(
        title=title,
        site=Site.objects.get(site_name=site_name),
        language=fields.pop("language", ""),
        **fields,
    )
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    return document


@pytest.mark.parametrize(
    "name, data",
    [
        ("a.pdf", pdf_bytes("Рішення про сміттєпереробний завод")),
        ("a.docx", docx_bytes("Рішення про сміттєпереробний завод")),
        ("a.odt", odt_bytes("Рішення про сміттєпереробний завод")),
        ("a.txt", "Рішення про сміттєпереробний завод".encode()),
    ],
)
def test_text_is_extracted_from_each_format(name, data):
    assert "сміттєпереробний завод" in extract_text(name, data)


@pytest.mark.parametrize(
    "name, data",
    [("a.pdf", b"%PDF-1.4 broken"), ("a.docx", b"PK not a zip"), ("a.exe", b"MZ"), ("a.odt", b"")],
)
def test_broken_files_give_an_error_not_an_exception(name, data):
    with pytest.raises(ExtractionError):
        extract_text(name, data)


def test_text_inside_a_pdf_is_found(get, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(
            "ternopil",
            "rishennia.pdf",
            pdf_bytes("Міська рада ухвалила програму будівництва сміттєпереробного заводу."),
            "Рішення № 17",
            language="uk",
        )
    assert "сміттєпереробного" in DocumentText.objects.get(document=document).text
    urls = result_urls(get("ternopil", "/uk/search/", data={"q": "сміттєпереробний завод"}))
    assert any(f"/{document.pk}-" in url for url in urls)


def test_text_inside_a_docx_is_found(get, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = upload(
            "banska-bystrica",
            "uznesenie.docx",
            docx_bytes("Mestské zastupiteľstvo schválilo rekonštrukciu amfiteátra.\nDruhý odsek."),
            "Uznesenie 5/2024",
            language="sk",
        )
    urls = result_urls(
        get("banska-bystrica", "/sk/search/", data={"q": "rekonštrukcia amfiteátrom"})
    )
    assert any(f"/{document.pk}-" in url for url in urls)


def test_private_and_other_site_documents_are_not_found(get, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        private = upload(
            "levski", "p.txt", "Секретният водопровод".encode(), "Вътрешен", language="bg"
        )
        private.is_public = False
        private.save()
        upload("ternopil", "t.txt", "Секретният водопровод".encode(), "Чужд", language="bg")
    assert result_urls(get("levski", "/bg/search/", data={"q": "водопровода"})) == []
    private.is_public = True
    private.save()
    assert result_urls(get("levski", "/bg/search/", data={"q": "водопровода"}))
    private.delete()
    assert result_urls(get("levski", "/bg/search/", data={"q": "водопровода"})) == []
