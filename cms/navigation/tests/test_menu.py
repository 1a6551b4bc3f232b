"""The main menu and the footer snippets: each site shows its own, in the page's language."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from cms.core.profiles import all_profiles
from cms.navigation.models import Footer, MainMenu, MenuItem

pytestmark = pytest.mark.django_db

PROFILES = {profile.slug: profile for profile in all_profiles()}
LANGUAGES = [(slug, language) for slug, p in PROFILES.items() for language in p.languages]


def _get(slug, path):
    return Client().get(path, headers={"host": PROFILES[slug].hostname})


def _menu_links(html):
    nav = re.search(r'<nav class="main-menu"[^>]*>(.*?)</nav>', html, re.S)
    if nav is None:
        return []
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav.group(1))


def _footer_text(html):
    found = re.search(r'<div class="site-footer__text">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def _menu(slug, language):
    return MainMenu.objects.get(site__site_name=slug, locale__language_code=language)


@pytest.mark.parametrize("slug,language", LANGUAGES)
def test_each_site_shows_its_own_menu_in_the_pages_language(slug, language):
    menu = _menu(slug, language)
    items = list(menu.items.select_related("link_page").order_by("sort_order"))
    assert items, "the demo gives every site a menu in each of its languages"
    links = _menu_links(_get(slug, f"/{language}/").content.decode())
    assert [text for _url, text in links] == [item.text for item in items]
    for url, _text in links:
        assert url.startswith(f"/{language}/") or url.startswith("http")


@pytest.mark.parametrize("slug,language", LANGUAGES)
def test_each_site_shows_its_own_footer_in_the_pages_language(slug, language):
    footer = Footer.objects.get(site__site_name=slug, locale__language_code=language)
    others = Footer.objects.exclude(pk=footer.pk).exclude(text=footer.text)
    html = _footer_text(_get(slug, f"/{language}/").content.decode())
    plain = re.sub(r"<[^>]+>", "", footer.text).strip()
    assert plain and plain[:30] in html
    for other in others:
        other_plain = re.sub(r"<[^>]+>", "", other.text).strip()
        if other_plain:
            assert other_plain[:30] not in html


def test_the_current_page_is_marked_in_the_menu():
    menu = _menu("ternopil", "uk")
    item = menu.items.exclude(link_page=None).order_by("sort_order").first()
    path = item.link_page.get_url_parts()[2]
    html = _get("ternopil", path).content.decode()
    assert re.search(rf'<a href="{re.escape(path)}" aria-current="page">', html)
    assert html.count('aria-current="page"') == 1


def test_a_restricted_or_draft_page_leaves_the_menu_and_an_address_link_is_kept():
    menu = _menu("levski", "bg")
    items = list(menu.items.exclude(link_page=None).order_by("sort_order"))
    assert len(items) >= 2
    restricted, draft = items[0].link_page, items[1].link_page
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    draft.unpublish()
    MenuItem.objects.create(
        menu=menu, link_url="https://data.gov.bg/", label="Отворени данни", sort_order=99
    )
    texts = [text for _url, text in _menu_links(_get("levski", "/bg/").content.decode())]
    assert items[0].text not in texts and items[1].text not in texts
    assert texts[-1] == "Отворени данни"
    assert ("https://data.gov.bg/", "Отворени данни") in _menu_links(
        _get("levski", "/bg/").content.decode()
    )


def test_a_draft_menu_translation_falls_back_to_a_live_one():
    site = Site.objects.get(site_name="banska-bystrica")
    MainMenu.objects.get(site=site, locale__language_code="en").unpublish()
    slovak = [item.text for item in _menu("banska-bystrica", "sk").items.order_by("sort_order")]
    texts = [text for _url, text in _menu_links(_get("banska-bystrica", "/en/").content.decode())]
    assert texts == slovak


def test_a_site_without_a_menu_shows_no_menu_and_still_renders():
    site = Site.objects.get(site_name="ternopil")
    MainMenu.objects.filter(site=site).delete()
    response = _get("ternopil", "/uk/")
    assert response.status_code == 200
    assert 'class="main-menu"' not in response.content.decode()
