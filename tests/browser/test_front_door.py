"""The front door in a real browser: each city's look, the phone menu without JavaScript,
a keyboard-only walk and axe-core at desktop and phone widths, menu open and closed."""

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

HOMES = [("ternopil", "/uk/"), ("banska-bystrica", "/sk/"), ("levski", "/bg/")]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def open_page(browser, live_site, site, path, viewport, javascript=True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    page = context.new_page()
    response = page.goto(live_site.url(site, path))
    assert response.status == 200
    return context, page


@pytest.mark.parametrize("site,path", HOMES)
def test_home_pages_have_no_axe_violations_at_desktop_and_phone_widths(
    live_site, browser, site, path
):
    context, page = open_page(browser, live_site, site, path, DESKTOP)
    assert page.locator("nav.main-menu a").first.is_visible()
    assert not page.locator("summary.site-nav__toggle").is_visible()
    assert axe_violations(page) == [], "desktop"
    context.close()

    context, page = open_page(browser, live_site, site, path, PHONE)
    assert axe_violations(page) == [], "phone, menu closed"
    page.locator("summary.site-nav__toggle").click()
    assert page.locator("nav.main-menu a").first.is_visible()
    assert axe_violations(page) == [], "phone, menu open"
    context.close()


def test_the_three_cities_look_different(live_site, browser):
    colours = set()
    for site, path in HOMES:
        context, page = open_page(browser, live_site, site, path, DESKTOP)
        colours.add(
            page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
        )
        crest = page.locator("img.site-name__crest")
        assert crest.evaluate("img => img.complete && img.naturalWidth > 0")
        context.close()
    assert len(colours) == 3


def test_phone_menu_opens_without_javascript(live_site, browser):
    context, page = open_page(browser, live_site, "levski", "/bg/", PHONE, javascript=False)
    toggle = page.get_by_role("group").locator("summary")
    assert toggle.is_visible()
    menu_link = page.locator("nav.main-menu a").first
    assert not menu_link.is_visible()
    toggle.click()
    assert menu_link.is_visible()
    toggle.click()
    assert not menu_link.is_visible()
    context.close()


def tab_until(page, predicate, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return True
    return False


def test_keyboard_only_walk_through_the_phone_menu_and_the_home_page(live_site, browser):
    context, page = open_page(browser, live_site, "ternopil", "/uk/", PHONE)
    assert tab_until(page, "document.activeElement.matches('summary.site-nav__toggle')")
    assert page.locator("details.site-nav__disclosure").get_attribute("open") is None
    page.keyboard.press("Enter")
    assert page.locator("details.site-nav__disclosure").get_attribute("open") is not None
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('nav.main-menu a')")
    first_item = page.evaluate("document.activeElement.getAttribute('href')")
    # On through the menu, the search and into the home page's sections to the news.
    assert tab_until(page, "!!document.activeElement.closest('.home-consultations')")
    assert tab_until(page, "!!document.activeElement.closest('.home-events')")
    assert tab_until(page, "!!document.activeElement.closest('.latest-news')")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.tagName") == "A"
    # Back at the menu, a menu item is followed with Enter.
    page.locator(f"nav.main-menu a[href='{first_item}']").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(first_item)
    context.close()


def test_keyboard_reaches_the_menu_on_a_wide_screen(live_site, browser):
    context, page = open_page(browser, live_site, "banska-bystrica", "/sk/", DESKTOP)
    assert tab_until(page, "document.activeElement.matches('nav.main-menu a')")
    assert page.locator("summary.site-nav__toggle").is_hidden()
    context.close()


#: One page of every public page type (Ternopil, Ukrainian), plus an archive document and
#: the search results.
PAGE_TYPES = [
    "/uk/accessibility/",
    "/uk/novyny/",
    "/uk/novyny/elektronna-demokratiia-instrumenty/",
    "/uk/arkhiv/",
    "/uk/ogp-action-plan-2021-2023/",
    "/uk/ogp-action-plan-2021-2023/te-2021-01-resident-cabinet/",
    "/uk/events/",
    "/uk/events/publichne-obhovorennia-hromadskoho-biudzhetu/",
    "/uk/konsultatsii/",
    "/uk/konsultatsii/kontseptsiia-tsyfrovoi-transformatsii-2021-2023/",
    "/uk/search/?q=бюджет",
]


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_has_no_axe_violations_at_desktop_and_phone_widths(
    live_site, browser, path
):
    context, page = open_page(browser, live_site, "ternopil", path, DESKTOP)
    assert axe_violations(page) == [], "desktop"
    if path == "/uk/arkhiv/":
        page.locator(".archive-item__title a").first.click()
        assert axe_violations(page) == [], f"desktop, document {page.url}"
    context.close()

    context, page = open_page(browser, live_site, "ternopil", path, PHONE)
    assert axe_violations(page) == [], "phone, menu closed"
    page.locator("summary.site-nav__toggle").click()
    assert page.locator("nav.main-menu a").first.is_visible()
    assert axe_violations(page) == [], "phone, menu open"
    context.close()
