"""Action plans in a real browser: zero axe-core violations, the page works without JS."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    ("ternopil", "/uk/ogp-action-plan-2021-2023/"),
    ("ternopil", "/en/ogp-action-plan-2021-2023/"),
    ("ternopil", "/uk/ogp-action-plan-2021-2023/te-2021-01-resident-cabinet/"),
    ("ternopil", "/en/ogp-action-plan-2021-2023/te-2021-01-resident-cabinet/"),
    ("ternopil", "/uk/ogp-action-plan-2021-2023/te-2021-01-resident-cabinet/print/"),
    ("banska-bystrica", "/sk/akcny-plan-otvoreneho-vladnutia-2024-2027/"),
    (
        "banska-bystrica",
        "/sk/akcny-plan-otvoreneho-vladnutia-2021-2023/bb-2021-01-mapa-otvoreneho-vladnutia-2030/",
    ),
]


@pytest.mark.parametrize("site,path", PAGES)
def test_action_plan_pages_have_no_axe_violations(live_site, page, site, path):
    response = page.goto(live_site.url(site, path))
    assert response.status == 200
    assert axe_violations(page) == []


def test_filters_work_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_site.url("ternopil", "/en/ogp-action-plan-2021-2023/"))
        total = page.locator(".ap-commitment").count()
        page.select_option("#id_value", "participation")
        page.click(".ap-filters button[type=submit]")
        assert "value=participation" in page.url
        shown = page.locator(".ap-commitment").count()
        assert 0 < shown < total
        assert page.locator("progress").first.is_visible()
        page.click(".timeline__table summary")
        assert page.locator(".timeline__table table").is_visible()
    finally:
        context.close()
