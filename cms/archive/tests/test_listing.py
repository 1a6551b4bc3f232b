"""The archive page: filters, sorting, pagination, search and bad input."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.archive.tests.factories import bulk_documents, doc_type, make_document

pytestmark = pytest.mark.django_db

ARCHIVE = "/sk/archiv/"


def titles(response):
    html = response.content.decode()
    return re.findall(r'<h3 class="archive-item__title"><a [^>]*>([^<]+)</a>', html)


@pytest.fixture
def documents():
    """Four documents of Banská Bystrica besides the demo ones."""
    return {
        "old": make_document(
            "banska-bystrica",
            "Zápisnica zo zasadnutia 1999",
            document_type=doc_type("form"),
            date_adopted=date(1999, 5, 4),
            issuing_body="Mestské zastupiteľstvo",
        ),
        "new": make_document(
            "banska-bystrica",
            "Uznesenie o rozpočte 1998",
            document_type=doc_type("decision"),
            date_adopted=date(1998, 12, 10),
            issuing_body="Primátor",
        ),
        "tagged": make_document(
            "banska-bystrica",
            "Nariadenie o parkovaní",
            document_type=doc_type("regulation"),
            date_adopted=date(1999, 1, 2),
            issuing_body="Mestské zastupiteľstvo",
        ),
        "private": make_document(
            "banska-bystrica", "Tajný návrh 1999", date_adopted=date(1999, 3, 3), is_public=False
        ),
    }


def test_archive_lists_site_documents_only(get):
    html = get("banska-bystrica", ARCHIVE).content.decode()
    assert "Mapa otvoreného vládnutia Banská Bystrica 2030" in html
    assert "Концепція цифрової трансформації" not in html
    assert "ЧУЙ МЕ" not in html


def test_filter_by_type_year_body_and_tag(get, documents):
    documents["tagged"].tags.add("doprava")
    assert titles(get("banska-bystrica", ARCHIVE + "?type=form")) == [
        "Zápisnica zo zasadnutia 1999"
    ]
    assert titles(get("banska-bystrica", ARCHIVE + "?year=1999")) == [
        "Zápisnica zo zasadnutia 1999",
        "Nariadenie o parkovaní",
    ]
    assert titles(get("banska-bystrica", ARCHIVE + "?year=1999&body=Primátor")) == []
    assert titles(get("banska-bystrica", ARCHIVE + "?body=Primátor")) == [
        "Uznesenie o rozpočte 1998"
    ]
    assert titles(get("banska-bystrica", ARCHIVE + "?tag=doprava")) == ["Nariadenie o parkovaní"]


def test_type_filter_matches_every_translation_of_the_type(get, documents):
    slovak = doc_type("form").get_translation(Locale.objects.get(language_code="sk"))
    documents["old"].document_type = slovak
    documents["old"].save()
    response = get("banska-bystrica", ARCHIVE + "?type=form")
    assert titles(response) == ["Zápisnica zo zasadnutia 1999"]
    assert "<dd>Tlačivo</dd>" in response.content.decode()
    english = get("banska-bystrica", "/en/document-archive/?type=form").content.decode()
    assert "<dd>Form</dd>" in english


def test_private_documents_are_not_listed(get, documents):
    assert "Tajný návrh" not in get("banska-bystrica", ARCHIVE + "?year=1999").content.decode()


def test_sorting(get, documents):
    newest = titles(get("banska-bystrica", ARCHIVE + "?year=1999"))
    assert newest == ["Zápisnica zo zasadnutia 1999", "Nariadenie o parkovaní"]
    oldest = titles(get("banska-bystrica", ARCHIVE + "?year=1999&sort=oldest"))
    assert oldest == list(reversed(newest))
    by_title = titles(get("banska-bystrica", ARCHIVE + "?body=Mestské zastupiteľstvo&sort=title"))
    assert by_title == ["Nariadenie o parkovaní", "Zápisnica zo zasadnutia 1999"]


@pytest.mark.parametrize(
    "query",
    [
        "?type=no-such-type",
        "?year=1850",
        "?year=abc",
        "?body=Nobody",
        "?tag=no-such-tag",
        "?type=%3Cscript%3Ealert(1)%3C/script%3E",
        "?body=%3Cimg%20src=x%20onerror=alert(1)%3E",
    ],
)
def test_unknown_filter_values_give_an_empty_list(get, query):
    response = get("banska-bystrica", ARCHIVE + query)
    assert response.status_code == 200
    assert titles(response) == []
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


def test_pagination(get, documents):
    bulk_documents("banska-bystrica", 45, prefix="Zoznam", issuing_body="Stránkovanie")
    query = ARCHIVE + "?body=Stránkovanie&sort=title"
    first = titles(get("banska-bystrica", query))
    second = titles(get("banska-bystrica", query + "&page=2"))
    third = titles(get("banska-bystrica", query + "&page=3"))
    assert first == [f"Zoznam {n:04d}" for n in range(20)]
    assert second == [f"Zoznam {n:04d}" for n in range(20, 40)]
    assert third == [f"Zoznam {n:04d}" for n in range(40, 45)]
    html = get("banska-bystrica", query + "&page=2").content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html
    assert "body=Str%C3%A1nkovanie&amp;sort=title&amp;page=3" in html


@pytest.mark.parametrize(
    "page", ["abc", "0", "-1", "99999", "1e3", "%00", "2" * 400, "%22%27%3C%3E"]
)
def test_bad_page_numbers_give_a_normal_page(get, page):
    response = get("banska-bystrica", ARCHIVE + "?page=" + page)
    assert response.status_code == 200
    assert titles(response)


@pytest.mark.parametrize(
    "query",
    [
        "%22",
        "%22unbalanced",
        "%00",
        "a%00b",
        "%27%22%27",
        "NEAR(a b)",
        "*",
        "-",
        "AND OR NOT",
        "x" * 5000,
        "plán%22 OR %22a",
        "%3Cscript%3E",
        "(((",
        "^",
        "%E2%80%AE",
    ],
)
def test_hostile_search_strings_never_fail(get, query):
    response = get("banska-bystrica", ARCHIVE + "?q=" + query)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_very_long_query_string(get):
    params = "&".join(f"p{n}={'x' * 50}" for n in range(200))
    response = get("banska-bystrica", ARCHIVE + "?" + params + "&q=" + "y" * 3000)
    assert response.status_code == 200


KOMPAS = {
    "Mapa otvoreného vládnutia Banská Bystrica 2030",  # in its description
    "Participatívny proces tvorby návrhu stratégie / mapy Otvoreného vládnutia",  # in its file
}


def test_search_finds_words_of_the_title_description_and_file(get):
    found = titles(get("banska-bystrica", ARCHIVE + "?q=kompas"))
    assert set(found) == KOMPAS
    assert titles(get("banska-bystrica", ARCHIVE + "?q=kompas&type=report")) == [
        "Participatívny proces tvorby návrhu stratégie / mapy Otvoreného vládnutia"
    ]
    assert titles(get("banska-bystrica", ARCHIVE + "?q=kompas&type=decision")) == []
    assert titles(get("banska-bystrica", ARCHIVE + "?q=nonexistentword")) == []


def test_search_is_scoped_to_the_site(get):
    assert titles(get("ternopil", "/uk/arkhiv/?q=kompas")) == []
    assert titles(get("banska-bystrica", ARCHIVE + "?q=цифрової")) == []


def test_search_with_quotes_still_finds(get):
    found = titles(get("banska-bystrica", ARCHIVE + "?q=%22kompas"))
    assert set(found) == KOMPAS


def _count_queries(get, path):
    with CaptureQueriesContext(connection) as context:
        response = get("banska-bystrica", path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_archive_query_count_does_not_grow_with_documents(
    get, django_assert_max_num_queries, documents
):
    from cms.core.chrome import replace_token

    get("banska-bystrica", ARCHIVE)  # warm per-process caches (content types, sites)
    bulk_documents("banska-bystrica", 10)
    for document in list(documents.values())[:2]:
        document.tags.add("jedna", "druhá")
    replace_token()  # bulk_create sends no signals: what an import must do (README)
    with_ten = _count_queries(get, ARCHIVE)  # computed, not kept yet
    bulk_documents("banska-bystrica", 990, prefix="More")
    replace_token()
    with django_assert_max_num_queries(with_ten):
        get("banska-bystrica", ARCHIVE)
    with django_assert_max_num_queries(with_ten):
        get("banska-bystrica", ARCHIVE + "?page=40")
    with django_assert_max_num_queries(with_ten + 1):
        get("banska-bystrica", ARCHIVE + "?type=plan&year=2005&tag=jedna")
    assert with_ten <= 35  # the page frame (menus, footer, routes) computed again too
    # Served again, each is kept with the page frame: the token and the notices only.
    for query in ("", "?page=40", "?type=plan&year=2005&tag=jedna"):
        with django_assert_max_num_queries(2):
            get("banska-bystrica", ARCHIVE + query)


def test_archive_is_cacheable_by_a_shared_cache(get):
    response = get("banska-bystrica", ARCHIVE + "?type=plan")
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_text_filter_finds_inflected_forms_as_site_search_does(get):
    """The plain words of the query are nowhere in the documents; only their forms are
    ("цифрової трансформації", "цифрового"), as the site search understands them."""
    found = titles(get("ternopil", "/uk/arkhiv/?q=цифрова трансформація"))
    assert any(title.startswith("Концепція цифрової трансформації") for title in found)
    assert all("Ternopil" not in title for title in found)
    assert titles(get("ternopil", "/uk/arkhiv/?q=цифрова трансформація компас")) == []


def test_text_filter_combines_with_the_other_filters(get):
    everything = titles(get("ternopil", "/uk/arkhiv/?q=цифрова трансформація"))
    by_title = titles(get("ternopil", "/uk/arkhiv/?q=цифрова трансформація&sort=title"))
    assert sorted(everything) == sorted(by_title) and len(by_title) >= 2
    assert by_title == sorted(by_title)
    assert titles(get("ternopil", "/uk/arkhiv/?q=цифрова трансформація&year=1990")) == []
