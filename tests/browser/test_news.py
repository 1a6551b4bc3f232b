"""The newsroom in a real browser: zero axe-core violations; filters work without JavaScript."""

import urllib.request
from urllib.parse import urlsplit

import feedparser
import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    ("ternopil", "/uk/novyny/"),
    ("ternopil", "/en/news/"),
    ("ternopil", "/uk/novyny/zatverdzheno-kontseptsiiu-tsyfrovoi-transformatsii/"),
    ("ternopil", "/en/news/digital-transformation-concept-approved/"),
    ("ternopil", "/uk/novyny/?category=digital-transformation"),
    ("ternopil", "/uk/novyny/?category=no-such-category"),
    ("banska-bystrica", "/sk/novinky/"),
    ("banska-bystrica", "/sk/novinky/mapa-otvoreneho-vladnutia-2030/"),
    ("levski", "/bg/novini/"),
    ("levski", "/bg/novini/startira-platforma-chuy-me/"),
]


@pytest.mark.parametrize("site,path", PAGES)
def test_news_pages_have_no_axe_violations(live_site, page, site, path):
    response = page.goto(live_site.url(site, path))
    assert response.status == 200
    assert axe_violations(page) == []


def test_filters_work_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site.url("levski", "/bg/novini/"))
        total = page.locator(".news-card").count()
        page.select_option("#news-category", "digital-transformation")
        page.click(".news-filters button[type=submit]")
        assert "category=digital-transformation" in page.url
        shown = page.locator(".news-card").count()
        assert 0 < shown < total
        page.click("text=Изчисти филтрите")
        assert page.locator(".news-card").count() == total
    finally:
        context.close()


def test_feed_is_discoverable_and_served(live_site, page):
    page.goto(live_site.url("ternopil", "/en/news/"))
    href = page.locator('link[rel=alternate][type="application/atom+xml"]').first.get_attribute(
        "href"
    )
    url = urlsplit(href)
    request = urllib.request.Request(
        f"http://127.0.0.1:{url.port}{url.path}", headers={"Host": url.netloc}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.read())
    assert not feed.bozo
    assert feed.feed.language == "en"
    assert feed.entries[0].link.startswith(f"http://{url.netloc}/en/news/")
