"""Page addresses found from the cache (cms.core.serving): fewer queries, and every change
to a page or a view restriction shows on the next request. Each test routes the address
once first, so it fails when a change leaves the cached route in place."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from cms.news.models import NewsIndexPage

pytestmark = pytest.mark.django_db

TERNOPIL = "ternopil.localhost"


def _get(path, client=None):
    return (client or Client()).get(path, headers={"host": TERNOPIL})


def _article():
    home = Site.objects.get(hostname=TERNOPIL).root_page
    index = NewsIndexPage.objects.live().child_of(home).get()
    return index, index.get_children().live().specific().first()


def _path(page):
    return page.get_url_parts()[2]


def _queries(path):
    with CaptureQueriesContext(connection) as queries:
        response = _get(path)
    assert response.status_code == 200, (path, response.status_code)
    return [query["sql"] for query in queries]


def test_a_routed_address_reads_no_page_and_no_restriction_the_second_time():
    _index, article = _article()
    first = _queries(_path(article))
    second = _queries(_path(article))
    assert any("wagtailcore_pageviewrestriction" in sql for sql in first)
    assert not any("wagtailcore_pageviewrestriction" in sql for sql in second), second
    assert not any('"wagtailcore_page"."slug" =' in sql for sql in second), second
    assert len(second) < len(first)


def test_a_new_slug_moves_the_address_at_once():
    index, article = _article()
    old = _path(article)
    assert _get(old).status_code == 200
    article.slug = "nova-adresa-statti"
    article.save_revision().publish()
    assert _get(old).status_code == 404
    assert _get(f"{_path(index)}nova-adresa-statti/").status_code == 200


def test_an_unpublished_page_is_gone_at_once():
    _index, article = _article()
    assert _get(_path(article)).status_code == 200
    article.unpublish()
    assert _get(_path(article)).status_code == 404


def test_a_restriction_on_an_ancestor_applies_at_once_and_its_removal_too():
    index, article = _article()
    assert _get(_path(article)).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=index, restriction_type=PageViewRestriction.LOGIN
    )
    refused = _get(_path(article))
    assert refused.status_code == 302 and "login" in refused["Location"]
    member = Client()
    member.force_login(get_user_model().objects.create_user("reader", password="x-long-pass-1"))
    assert _get(_path(article), member).status_code == 200
    restriction.delete()
    assert _get(_path(article)).status_code == 200


def test_a_deleted_page_is_gone_at_once():
    _index, article = _article()
    path = _path(article)
    assert _get(path).status_code == 200
    Page.objects.get(pk=article.pk).delete()
    assert _get(path).status_code == 404


def test_an_address_that_finds_nothing_is_looked_up_every_time():
    """Anyone can ask for any address: missing ones are not kept in the cache."""
    index, _article_ = _article()
    missing = f"{_path(index)}no-such-article/"
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert _get(missing).status_code == 404
        assert any('"wagtailcore_page"."slug" =' in query["sql"] for query in queries)
