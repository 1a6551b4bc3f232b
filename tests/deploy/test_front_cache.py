"""The shipped front cache, purged exactly: every URL that shows a change is fresh once the
worker has run, and every other cached URL is still served from the cache."""

import pytest

# The session needs the demo database, copied for the served stack (see conftest).
pytestmark = pytest.mark.django_db


TE = "ternopil.localhost"
BB = "banska-bystrica.localhost"
LEVSKI = "levski.localhost"
NEWS = "/uk/novyny/"
ARTICLE = NEWS + "zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/"
OTHER_ARTICLE = NEWS + "elektronna-demokratiia-instrumenty/"
EVENT = "/uk/events/shkola-e-demokratii/"
PLAN = "/uk/ogp-action-plan-2021-2023/"
ELSEWHERE = [(TE, EVENT), (TE, PLAN), (BB, "/sk/"), (LEVSKI, "/bg/")]


def warm_all(stack, urls):
    return {url: stack.warm(*url) for url in urls}


def assert_still_cached(stack, urls):
    for host, path in urls:
        assert stack.get(host, path).cache == "HIT", f"{host}{path} was dropped"


def test_publishing_an_article_refreshes_every_page_that_shows_it_and_nothing_else(stack):
    shown = [(TE, ARTICLE), (TE, NEWS), (TE, "/uk/"), (TE, NEWS + "feeds/rss/"), (TE, "/sitemap.xml")]
    warm_all(stack, shown + ELSEWHERE)
    stack.shell(
        """
        from wagtail.models import Page
        page = Page.objects.get(url_path="/ternopil/novyny/zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/").specific
        page.title = "Оновлений заголовок новини"
        page.save_revision().publish()
        """
    )
    stack.work()
    for host, path in shown[:4]:
        answer = stack.get(host, path)
        assert answer.cache != "HIT", path
        assert "Оновлений заголовок новини" in answer.text, path
    assert stack.get(TE, "/sitemap.xml").cache != "HIT"
    assert_still_cached(stack, ELSEWHERE + [(TE, OTHER_ARTICLE)] * 0)
