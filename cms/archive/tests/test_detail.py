"""Each document's public page: stable address, metadata, download, pages that use it."""

import json
from datetime import date

import pytest
from wagtail.models import Locale

from cms.archive.tests.factories import archive_page, doc_type, make_document
from cms.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    return make_document(
        "ternopil",
        "Рішення про громадський бюджет",
        filename="budget.pdf",
        description="Положення про громадський бюджет міста.",
        document_type=doc_type("decision"),
        number="12/345",
        date_adopted=date(2024, 3, 15),
        issuing_body="Тернопільська міська рада",
        language="uk",
    )


def detail_path(document, language="uk"):
    archive = "arkhiv" if language == "uk" else "document-archive"
    return f"/{language}/{archive}/{document.pk}-{document.get_slug()}/"


def test_document_page_shows_metadata_and_download(get, document):
    assert document.get_slug() == "rishennia-pro-hromadskyi-biudzhet"
    response = get("ternopil", detail_path(document))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Рішення про громадський бюджет</h1>" in html
    assert "Положення про громадський бюджет міста." in html
    assert "<dd>Рішення</dd>" in html
    assert "<dd>12/345</dd>" in html
    assert '<time datetime="2024-03-15">' in html
    assert f'href="{document.url}"' in html
    assert "(PDF, " in html
    assert 'type="application/ld+json"' in html and '"DigitalDocument"' in html
    assert f'rel="canonical" href="http://ternopil.localhost{detail_path(document)}"' in html


def test_english_page_marks_the_ukrainian_title(get, document):
    html = get("ternopil", detail_path(document, "en")).content.decode()
    assert '<article class="document-detail" lang="uk">' in html
    assert "<dd>Decision</dd>" in html
    assert f'hreflang="uk" href="http://ternopil.localhost{detail_path(document)}"' in html


def test_listing_links_to_the_document_page(get, document):
    html = get("ternopil", "/uk/arkhiv/").content.decode()
    assert f'href="{detail_path(document)}"' in html


def test_old_or_short_addresses_redirect_to_the_current_one(get, document):
    short = get("ternopil", f"/uk/arkhiv/{document.pk}/")
    assert short.status_code == 301 and short["Location"] == detail_path(document)
    renamed = get("ternopil", f"/uk/arkhiv/{document.pk}-old-title/")
    assert renamed.status_code == 301 and renamed["Location"] == detail_path(document)


@pytest.mark.parametrize(
    "suffix", ["999999/", "999999-x/", "9" * 40 + "/", "abc/", "1-%3Cscript%3E/", "0-/"]
)
def test_unknown_documents_are_not_found(get, suffix):
    assert get("ternopil", "/uk/arkhiv/" + suffix).status_code == 404


def test_another_sites_document_is_not_found(get, document):
    assert get("levski", f"/bg/arhiv/{document.pk}-{document.get_slug()}/").status_code == 404


def test_document_page_lists_the_pages_that_use_it(get, document):
    home = archive_page("ternopil", "uk").get_parent()
    page = StandardPage(
        title="Громадський бюджет 2024",
        slug="hromadskyi-biudzhet-2024",
        locale=Locale.objects.get(language_code="uk"),
        body=json.dumps([{"type": "document", "value": {"document": document.pk, "label": ""}}]),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    draft = StandardPage(
        title="Чернетка",
        slug="chernetka",
        locale=page.locale,
        live=False,
        body=json.dumps([{"type": "document", "value": {"document": document.pk, "label": ""}}]),
    )
    home.add_child(instance=draft)
    html = get("ternopil", detail_path(document)).content.decode()
    assert "Сторінки" in html or "Pages that refer" in html
    assert 'href="/uk/hromadskyi-biudzhet-2024/">Громадський бюджет 2024</a>' in html
    assert "Чернетка" not in html
    body = get("ternopil", "/uk/hromadskyi-biudzhet-2024/").content.decode()
    assert f'href="{document.url}"' in body


def test_sitemap_lists_public_document_pages_with_their_languages(get, document):
    private = make_document("ternopil", "Службова записка", filename="memo.pdf", is_public=False)
    xml = get("ternopil", "/sitemap.xml").content.decode()
    own = f"http://ternopil.localhost{detail_path(document)}"
    english = f"http://ternopil.localhost{detail_path(document, 'en')}"
    assert f"<loc>{own}</loc>" in xml
    assert f'hreflang="en" href="{english}"' in xml
    assert f"/{private.pk}-" not in xml
    assert f"/{document.pk}-" not in get("levski", "/sitemap.xml").content.decode()


def test_language_switcher_on_a_document_page_keeps_the_document(get, document):
    english_archive = archive_page("ternopil", "en")
    english_archive.slug = "archive"
    english_archive.save_revision().publish()
    english = f"/en/archive/{document.pk}-{document.get_slug()}/"
    html = get("ternopil", detail_path(document)).content.decode()
    assert f'href="{english}" lang="en" hreflang="en"' in html
    assert f'hreflang="en" href="http://ternopil.localhost{english}"' in html
    assert get("ternopil", english).status_code == 200
