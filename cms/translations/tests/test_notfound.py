"""A link to a page in a language it does not exist in offers the languages it exists in."""

import pytest

from cms.translations.tests.helpers import new_page

pytestmark = pytest.mark.django_db


def test_a_page_missing_in_english_offers_ukrainian(get):
    new_page("ternopil", "tilky-ukrainskoiu", "Лише українською", "Сторінка без перекладу.")
    response = get("ternopil", "/en/tilky-ukrainskoiu/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html
    assert "This page is not available in English." in html
    assert 'href="/uk/tilky-ukrainskoiu/" lang="uk" hreflang="uk"' in html
    assert "Українська: Лише українською" in html
    assert "Сторінка без перекладу." not in html  # offered, never served


def test_a_language_the_site_does_not_have_offers_the_ones_it_has(get):
    response = get("levski", "/uk/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="bg">' in html
    assert 'href="/bg/" lang="bg"' in html and 'href="/en/" lang="en"' in html
    assert "Page not found" not in html


def test_an_unknown_page_offers_nothing_but_the_home_page(get):
    response = get("banska-bystrica", "/sk/nic-take/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "language-alternatives" not in html


def test_a_draft_translation_is_not_offered(get):
    from cms.translations import po
    from cms.translations.tests.helpers import locale

    source = new_page("levski", "chernova", "Чернова", "Само на български.")
    po.translation_for(source, locale("en"))  # an English draft exists
    html = get("levski", "/en/chernova/").content.decode()
    offered = html.split('class="language-alternatives"')[1].split("</ul>")[0]
    assert 'href="/bg/chernova/"' in offered
    assert 'href="/en/chernova/"' not in offered
