"""The event calendar in a real browser: zero axe-core violations on the list, the month
table and event pages; filters and month navigation without JavaScript; registering."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    ("ternopil", "/uk/events/"),
    ("ternopil", "/uk/events/month/"),
    ("ternopil", "/uk/events/past/"),
    ("ternopil", "/uk/events/shkola-e-demokratii/"),
    ("ternopil", "/en/events/"),
    ("banska-bystrica", "/sk/events/month/"),
    ("banska-bystrica", "/sk/events/prezentacia-ap-ov-bb-24-27-verejnosti/"),
    ("levski", "/bg/events/"),
    ("levski", "/bg/events/month/"),
    ("levski", "/bg/events/obshtestvena-konsultatsiya-piro/"),
]


@pytest.mark.parametrize("site,path", PAGES)
def test_calendar_pages_have_no_axe_violations(live_site, page, site, path):
    response = page.goto(live_site.url(site, path))
    assert response.status == 200
    assert axe_violations(page) == []


def test_month_navigation_and_filters_work_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site.url("ternopil", "/uk/events/month/"))
        caption = page.locator("table.month caption").inner_text()
        page.click("a[rel=next]")
        assert "month=" in page.url
        assert page.locator("table.month caption").inner_text() != caption
        page.goto(live_site.url("ternopil", "/uk/events/"))
        page.select_option("#filter-category", index=1)
        page.click(".event-filters button[type=submit]")
        assert "category=" in page.url
        assert page.locator(".event-item").count() > 0
    finally:
        context.close()
