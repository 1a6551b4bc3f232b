"""The public search page: inflected queries, site, language and privacy boundaries,
facets, pagination, promotions and the empty state."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction, Site

from cms.search.models import SearchEntry
from cms.search.tests.factories import home, publish_page
from cms.search.tests.recall import QUERIES, measure

pytestmark = pytest.mark.django_db


def result_urls(response):
    return re.findall(
        r'class="search-result__title"[^>]*><a href="([^"]+)"', response.content.decode()
    )


def test_header_of_every_page_has_a_search_field(get):
    html = get("ternopil", "/uk/").content.decode()
    assert 'action="/uk/search/"' in html
    assert 'role="search"' in html and 'for="header-search-query"' in html
    assert "csrfmiddlewaretoken" not in html


def _all_result_urls(get, site, language, query):
    urls = []
    for number in range(1, 4):
        urls += result_urls(get(site, f"/{language}/search/", data={"q": query, "page": number}))
    return urls


@pytest.mark.parametrize("site, language, query, path", QUERIES)
def test_inflected_query_finds_its_page(get, site, language, query, path):
    assert path in _all_result_urls(get, site, language, query)


def test_recall_per_language_on_the_first_page():
    recall = measure()
    assert set(recall) == {"uk", "sk", "bg"}
    for language, (found, total, missed) in recall.items():
        assert total >= 10
        assert found / total >= 0.75, (language, missed)


def test_results_come_from_this_site_and_language_only(get):
    response = get("ternopil", "/uk/search/", data={"q": "WCAG"})
    urls = result_urls(response)
    assert urls and all(url.startswith("/uk/") for url in urls)
    html = response.content.decode()
    assert "Декларация" not in html and "Vyhlásenie" not in html


def test_all_languages_switch_stays_on_the_site(get):
    response = get("ternopil", "/uk/search/", data={"q": "WCAG", "languages": "all"})
    urls = result_urls(response)
    assert any(url.startswith("/en/") for url in urls) and any(u.startswith("/uk/") for u in urls)
    ternopil = Site.objects.get(site_name="ternopil")
    other_urls = set(SearchEntry.objects.exclude(site=ternopil).values_list("url", flat=True))
    own_urls = set(SearchEntry.objects.filter(site=ternopil).values_list("url", flat=True))
    assert all(url in own_urls for url in urls)
    assert not any(url in other_urls - own_urls for url in urls)


def test_private_unpublished_and_draft_text_never_appear(get):
    parent = home("ternopil")
    page = publish_page(parent, "Зорепад над містом", "Зорепадний вечір для мешканців громади.")
    assert page.url_path and result_urls(get("ternopil", "/uk/search/", data={"q": "зорепаду"}))

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert result_urls(get("ternopil", "/uk/search/", data={"q": "зорепаду"})) == []
    restriction.delete()
    assert result_urls(get("ternopil", "/uk/search/", data={"q": "зорепаду"}))

    page.intro = "Чернетка про метеоритний дощ."
    page.save_revision()
    assert result_urls(get("ternopil", "/uk/search/", data={"q": "метеоритного"})) == []

    page.unpublish()
    assert result_urls(get("ternopil", "/uk/search/", data={"q": "зорепаду"})) == []


def test_child_of_a_private_page_is_hidden(get):
    parent = publish_page(home("levski"), "Вътрешен раздел", "Служебна страница.")
    child = publish_page(parent, "Тайнствен доклад", "Тайнствените доклади на общината.")
    assert result_urls(get("levski", "/bg/search/", data={"q": "тайнствения"}))
    PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
    assert result_urls(get("levski", "/bg/search/", data={"q": "тайнствения"})) == []
    assert not SearchEntry.objects.filter(object_id=child.pk).exists()


def test_deleted_page_disappears(get):
    page = publish_page(home("banska-bystrica"), "Hvezdáreň mesta", "Hvezdárne a pozorovania.")
    assert result_urls(get("banska-bystrica", "/sk/search/", data={"q": "hvezdárňou"}))
    page.delete()
    assert result_urls(get("banska-bystrica", "/sk/search/", data={"q": "hvezdárňou"})) == []


HOSTILE = [
    '"',
    '"unbalanced',
    "*",
    "бюджет*",
    "-бюджет",
    "OR",
    "бюджет OR петиції",
    "title:бюджет",
    "NEAR(a b)",
    "'; DROP TABLE search_searchentry; --",
    "1' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "бюджет\x00петиції",
    "\x00",
    "",
    "   ",
    "ж" * 5000,
    "бюджету " * 700,
    "%",
    "_",
    "\\",
    "{{ 7*7 }}",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_normal_page(get, query):
    response = get("ternopil", "/uk/search/", data={"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "\x00" not in html


@pytest.mark.parametrize(
    "params",
    [{"page": "999999"}, {"page": "-1"}, {"page": "x"}, {"kind": "nonsense"}, {"languages": "x"}],
)
def test_malformed_parameters_give_a_normal_page(get, params):
    assert get("ternopil", "/uk/search/", data={"q": "бюджет", **params}).status_code == 200


def test_markup_is_escaped_and_words_are_marked(get):
    html = get("ternopil", "/uk/search/", data={"q": "<b>петиціями</b>"}).content.decode()
    assert "&lt;b&gt;петиціями&lt;/b&gt;" in html
    assert "<mark>" in html and "<b>" not in html


def test_language_the_site_does_not_serve_is_404(get):
    assert get("ternopil", "/sk/search/", data={"q": "x"}).status_code == 404


def test_facets_count_and_filter_by_kind(get):
    html = get("ternopil", "/uk/search/", data={"q": "цифрової трансформації"}).content.decode()
    assert 'aria-label="Filter results by kind"' in html or "search-facets" in html
    assert re.search(r"kind=news\">[^<]+<span class=\"search-facets__count\">\(\d+\)", html)
    filtered = get("ternopil", "/uk/search/", data={"q": "цифрової трансформації", "kind": "news"})
    urls = result_urls(filtered)
    assert urls and all(url.startswith("/uk/novyny/") for url in urls)


def test_pagination(get):
    first = get("ternopil", "/uk/search/", data={"q": "громади", "languages": "all"})
    html = first.content.decode()
    assert 'rel="next"' in html
    second = get("ternopil", "/uk/search/", data={"q": "громади", "languages": "all", "page": 2})
    assert set(result_urls(second)).isdisjoint(result_urls(first))


def test_empty_state_helps(get):
    html = get("ternopil", "/uk/search/", data={"q": "неіснуючеслово"}).content.decode()
    assert "search-empty" in html
    assert "languages=all" in html
    assert 'href="/uk/"' in html


def test_editors_promotions_of_this_site_only(get):
    ternopil_page = home("ternopil")
    levski_page = home("levski")
    query = Query.get("реєстр")
    SearchPromotion.objects.create(query=query, page=ternopil_page, sort_order=0)
    SearchPromotion.objects.create(query=query, page=levski_page, sort_order=1)
    html = get("ternopil", "/uk/search/", data={"q": "Реєстр"}).content.decode()
    assert "search-promotions" in html and ternopil_page.title in html
    assert levski_page.title not in html


def test_search_page_query_count(get, django_assert_max_num_queries):
    get("ternopil", "/uk/search/", data={"q": "бюджету"})
    with django_assert_max_num_queries(14):
        response = get("ternopil", "/uk/search/", data={"q": "бюджету"})
    assert result_urls(response)


def test_search_page_is_cacheable_without_session(get):
    response = get("ternopil", "/uk/search/", data={"q": "бюджету"})
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies
