"""The search page in a real browser: the header field leads to results, and the page has
no axe-core violations with results, with none, and at phone width."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_header_search_field_finds_an_inflected_word(live_site, page):
    page.goto(live_site.url("ternopil", "/uk/"))
    page.get_by_role("searchbox", name="Пошук на сайті").fill("петиціями")
    page.get_by_role("search", name="Пошук на сайті").get_by_role("button").click()
    page.wait_for_load_state()
    assert "/uk/search/?q=" in page.url
    assert page.locator(".search-result").count() > 0
    assert page.locator(".search-result mark").count() > 0


@pytest.mark.parametrize(
    "site, path",
    [
        ("ternopil", "/uk/search/?q=бюджету"),
        ("banska-bystrica", "/sk/search/?q=akčného+plánu&languages=all"),
        ("levski", "/bg/search/?q=общината&kind=news"),
        ("ternopil", "/uk/search/?q=неіснуючеслово"),
        ("levski", "/bg/search/"),
    ],
)
def test_search_page_has_no_axe_violations(live_site, page, site, path):
    response = page.goto(live_site.url(site, path))
    assert response.status == 200
    assert axe_violations(page) == [], path


def test_search_page_at_phone_width(live_site, page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_site.url("banska-bystrica", "/sk/search/?q=stretnutia"))
    assert axe_violations(page) == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
