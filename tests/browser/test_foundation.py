"""The demo sites in a real browser: accessibility and the language switcher."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    ("ternopil", "uk", "/uk/", "/uk/vidkryte-vriaduvannia/"),
    ("ternopil", "en", "/en/", "/en/open-government/"),
    ("banska-bystrica", "sk", "/sk/", "/sk/otvorene-vladnutie/"),
    ("banska-bystrica", "en", "/en/", "/en/open-government/"),
    ("levski", "bg", "/bg/", "/bg/chuy-me/"),
    ("levski", "en", "/en/", "/en/the-chuy-me-hear-me-platform/"),
]


@pytest.mark.parametrize("site,language,home,standard", PAGES)
def test_home_standard_and_404_pages_have_no_axe_violations(
    live_site, page, site, language, home, standard
):
    for path, status in ((home, 200), (standard, 200), (f"/{language}/no-such-page/", 404)):
        response = page.goto(live_site.url(site, path))
        assert response.status == status, path
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], path


def test_language_switcher_lands_on_the_same_page_in_the_other_language(live_site, page):
    page.goto(live_site.url("banska-bystrica", "/sk/otvorene-vladnutie/"))
    page.locator("nav.language-switcher").get_by_role("link", name="English").click()
    assert page.url == live_site.url("banska-bystrica", "/en/open-government/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("nav.language-switcher").get_by_role("link", name="Slovenčina").click()
    assert page.url == live_site.url("banska-bystrica", "/sk/otvorene-vladnutie/")


def test_keyboard_user_can_skip_to_the_content(live_site, page):
    page.goto(live_site.url("levski", "/bg/"))
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")  # the jump to the fragment, not a race with it
    assert page.url.endswith("#main")


def test_site_is_usable_on_a_small_phone_screen(live_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=2)
    phone = context.new_page()
    phone.goto(live_site.url("ternopil", "/uk/vidkryte-vriaduvannia/"))
    overflow = phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    assert overflow is False
