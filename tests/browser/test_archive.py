"""The document archive in a real browser: accessibility, filters without JavaScript,
and downloading a document."""

import re
import urllib.request

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

ARCHIVES = [
    ("ternopil", "uk", "/uk/arkhiv/"),
    ("ternopil", "en", "/en/document-archive/"),
    ("banska-bystrica", "sk", "/sk/archiv/"),
    ("levski", "bg", "/bg/arhiv/"),
]


@pytest.mark.parametrize("site,language,path", ARCHIVES)
def test_archive_and_a_document_page_have_no_axe_violations(live_site, page, site, language, path):
    response = page.goto(live_site.url(site, path))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == [], path
    page.locator(".archive-item__title a").first.click()
    # The URL changes when the document page's response arrives; its h1 is there once
    # the page has loaded.
    page.wait_for_url(re.compile(r"/\d+-[-a-z0-9]+/$"))
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == [], page.url


def test_filters_work_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto(live_site.url("banska-bystrica", "/sk/archiv/"))
    nojs.select_option("#archive-type", "report")
    nojs.get_by_role("button", name="Zobraziť dokumenty").click()
    assert "type=report" in nojs.url
    titles = nojs.locator(".archive-item__title").all_inner_texts()
    assert titles and all("Mapa otvoreného" not in title for title in titles)
    assert "Výstupy implementácie Akčného plánu otvoreného vládnutia 2021/2022" in titles
    nojs.fill("#archive-q", '"kompas')
    nojs.select_option("#archive-type", "")
    nojs.get_by_role("button", name="Zobraziť dokumenty").click()
    titles = nojs.locator(".archive-item__title").all_inner_texts()
    # The filter goes through the site search: the title first, then the document whose
    # file text has the word.
    assert titles == [
        "Mapa otvoreného vládnutia Banská Bystrica 2030",
        "Participatívny proces tvorby návrhu stratégie / mapy Otvoreného vládnutia",
    ]
    context.close()


def test_a_citizen_downloads_a_document_from_its_page(live_site, page):
    page.goto(live_site.url("levski", "/bg/arhiv/?q=ЧУЙ"))
    title = "Платформа за гражданско участие в местните политики „ЧУЙ МЕ“"
    page.get_by_role("link", name=title, exact=True).click()
    assert "BG05SFOP001-2.025-0218" in page.locator("main").inner_text()
    link = page.locator("a.button", has_text="Изтегляне на документа")
    host = live_site.url("levski").split("//", 1)[1].rstrip("/")
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_site.port}{link.get_attribute('href')}", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read().startswith(b"%PDF-")
