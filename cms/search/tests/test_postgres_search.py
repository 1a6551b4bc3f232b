"""The PostgreSQL search path: facets counted without ranking, the rank computed in a query
limited to the page shown, and the same results as Wagtail's database backend."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from cms.search import engine, indexing
from cms.search.lemmas import query_lemmas
from cms.search.models import SearchEntry
from cms.search.tests.factories import home, publish_page

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _site(name):
    return Site.objects.get(site_name=name)


def _wagtail_backend_results(query, site, languages, kind, page_number):
    """What the search showed before: Wagtail's PostgreSQL backend, ranking every match."""
    groups = query_lemmas(query, languages)
    base = SearchEntry.objects.filter(site_id=site.pk, language__in=languages)
    backend = indexing.database_backend()
    counts, page, entries = engine._run(
        backend, engine.build_query(groups), base, kind, page_number, False
    )
    return dict(counts), page.paginator.count, [entry.pk for entry in entries]


@pytest.mark.parametrize(
    "site, languages, query, kind, page_number",
    [
        ("ternopil", ("uk", "en"), "громади", "", 1),
        ("ternopil", ("uk", "en"), "громади", "", 2),
        ("ternopil", ("uk",), "цифрової трансформації", "", 1),
        ("ternopil", ("uk",), "цифрової трансформації", "news", 1),
        ("ternopil", ("uk",), "бюджету", "", 1),
    ],
)
def test_same_results_as_wagtails_backend(site, languages, query, kind, page_number):
    site = _site(site)
    outcome = engine.run_search(
        query=query, site=site, languages=languages, kind=kind, page_number=page_number
    )
    counts, total, ids = _wagtail_backend_results(query, site, languages, kind, page_number)
    assert ids, "the query should find something in the demo content"
    assert [entry.pk for entry in outcome.entries] == ids
    assert {facet["kind"]: facet["count"] for facet in outcome.facets} == counts
    assert outcome.total == total


def test_one_scan_counts_and_at_most_the_candidates_are_ranked():
    site = _site("ternopil")
    with CaptureQueriesContext(connection) as queries:
        outcome = engine.run_search(
            query="громади", site=site, languages=("uk", "en"), page_number=2
        )
    assert outcome.page.number == 2
    assert len(outcome.entries) == outcome.total - engine.PER_PAGE > 0
    sql = [query["sql"] for query in queries.captured_queries]
    scanning = [text for text in sql if "wagtailsearch_indexentry" in text]
    assert len(scanning) == 2  # counting and the cheap order; the rank of the candidates
    counted, ranked = scanning
    assert "COUNT(" in counted and "ts_rank" not in counted
    assert f"LIMIT {engine.CANDIDATES} OFFSET 0" in counted
    ids = re.search(r'"id" IN \(([^)]*)\)', ranked).group(1).split(", ")
    assert "ts_rank" in ranked and len(ids) == outcome.total <= engine.CANDIDATES
    # Matched word by word on each indexed column (their GIN indexes), never on `title || body`.
    assert '"title" ||' not in " ".join(sql)


def test_matches_beyond_the_candidates_follow_unranked_each_once(monkeypatch):
    site, languages = _site("ternopil"), ("uk", "en")
    query = "громади"
    full = engine.run_search(query=query, site=site, languages=languages)
    assert full.total > engine.PER_PAGE
    monkeypatch.setattr(engine, "CANDIDATES", engine.PER_PAGE)
    pages = [
        engine.run_search(query=query, site=site, languages=languages, page_number=number)
        for number in range(1, full.page.paginator.num_pages + 1)
    ]
    shown = [entry.pk for outcome in pages for entry in outcome.entries]
    assert len(shown) == len(set(shown)) == full.total
    assert [outcome.total for outcome in pages] == [full.total] * len(pages)


def test_private_pages_and_other_sites_never_appear():
    parent = home("ternopil")
    page = publish_page(parent, "Зорепад над містом", "Зорепадний вечір для мешканців громади.")
    ternopil, levski = _site("ternopil"), _site("levski")

    def urls(site, languages=("uk",)):
        outcome = engine.run_search(query="зорепаду", site=site, languages=languages)
        return [entry.url for entry in outcome.entries]

    assert urls(ternopil) and urls(ternopil)[0].startswith("/uk/")
    assert urls(ternopil, ("en",)) == []
    assert urls(levski, ("uk", "bg", "en")) == []
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert urls(ternopil) == []
