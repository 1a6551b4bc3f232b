"""Elasticsearch: the index mapping is generated and checked without a server; with the
server unreachable the search page answers from the database and publishing succeeds."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from wagtail.search.backends import get_search_backend

from cms.search import indexing
from cms.search.engine import build_query
from cms.search.indexing import BACKEND_DOWN_KEY
from cms.search.lemmas import query_lemmas
from cms.search.models import SearchEntry
from cms.search.tests.factories import home, publish_page

ES_SETTINGS = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": ["http://127.0.0.1:1"],
        "INDEX": "hromada-test",
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
        "INDEX_SETTINGS": {
            "settings": {
                "analysis": {
                    "analyzer": {
                        "hromada_lemmas": {
                            "type": "custom",
                            "tokenizer": "whitespace",
                            "filter": ["lowercase"],
                        }
                    }
                }
            }
        },
    }
}


def test_base_settings_define_the_lemma_analyzer(monkeypatch):
    import importlib

    import cms.settings.base as base

    monkeypatch.setenv("ELASTICSEARCH_URL", "http://127.0.0.1:1")
    try:
        reloaded = importlib.reload(base)
        conf = reloaded.WAGTAILSEARCH_BACKENDS["default"]
        assert conf["BACKEND"].endswith("elasticsearch9")
        analyzer = conf["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["hromada_lemmas"]
        assert (
            analyzer
            == ES_SETTINGS["default"]["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"][
                "hromada_lemmas"
            ]
        )
    finally:
        monkeypatch.delenv("ELASTICSEARCH_URL")
        importlib.reload(base)


@override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS)
def test_mapping_indexes_lemmas_with_whitespace_lowercase_analysis():
    backend = get_search_backend()
    mapping = backend.mapping_class(SearchEntry).get_mapping()
    properties = mapping["properties"]
    lemma_fields = {k: v for k, v in properties.items() if "lemmas" in k}
    assert len(lemma_fields) == 2
    assert all(field["analyzer"] == "hromada_lemmas" for field in lemma_fields.values())
    assert any(k.endswith("kind_filter") or "kind" in k for k in properties)
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["hromada_lemmas"]["tokenizer"] == "whitespace"
    assert "edgengram_analyzer" in analysis["analyzer"]


@override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS)
def test_query_sent_to_elasticsearch_holds_lemmas():
    backend = get_search_backend()
    query = build_query(query_lemmas("бюджету громади", ("uk",)))
    compiler = backend.query_compiler_class(
        SearchEntry.objects.filter(language="uk"), query, fields=["title_lemmas", "lemmas"]
    )
    body = str(compiler.get_query())
    assert "бюджет" in body and "бюджету" not in body
    assert "громад" in body and "громади" not in body


@pytest.mark.django_db
def test_unreachable_elasticsearch_falls_back_and_publishing_succeeds(get):
    cache.delete(BACKEND_DOWN_KEY)
    with override_settings(WAGTAILSEARCH_BACKENDS=ES_SETTINGS):
        page = publish_page(home("ternopil"), "Велодоріжка", "Нові велодоріжки в центрі міста.")
        assert page.live
        entry = SearchEntry.objects.get(object_id=page.pk, url__startswith="/uk/")
        assert entry.index_pending

        response = get("ternopil", "/uk/search/", data={"q": "велодоріжками"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "search-notice" in html
        assert page.url_path and page.get_url_parts()[2] in html
        assert "s-maxage=0" in response["Cache-Control"]

        response = get("ternopil", "/uk/search/", data={"q": "велодоріжками"})
        assert response.status_code == 200 and "search-notice" in response.content.decode()

        assert indexing.process_pending() >= 1
    cache.delete(BACKEND_DOWN_KEY)
    assert indexing.process_pending() == 0
    assert not SearchEntry.objects.filter(index_pending=True).exists()
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith("database")
