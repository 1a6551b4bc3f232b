"""The cached frame of every page (cms.core.chrome): the main menu, the footer, the language
switcher and the site a host name serves are read from the cache, and every change that
can alter them shows on the next request. Each test warms the cache first, so it fails when
the change does not replace the token."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Site

from cms.core import profiles
from cms.frontcache import tracking
from cms.navigation.models import Footer, MainMenu, MenuItem
from cms.news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

TERNOPIL = "ternopil.localhost"


def _html(path, host=TERNOPIL, client=None):
    response = (client or Client()).get(path, headers={"host": host})
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _menu(html):
    """[(address, text)] of the main menu."""
    nav = re.search(r'<nav class="main-menu"[^>]*>(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)</a>', nav.group(1)) if nav else []


def _switcher(html):
    """{language: address} of the language switcher."""
    nav = re.search(r'<nav class="language-switcher"[^>]*>(.*?)</nav>', html, re.S)
    found = re.findall(r'<a href="([^"]*)" lang="([^"]*)"', nav.group(1)) if nav else []
    return {code: url for url, code in found}


def _footer(html):
    found = re.search(r'<div class="site-footer__text">(.*?)</div>', html, re.S)
    return found.group(1) if found else ""


def _newsroom(language):
    """Ternopil's news index in `language` (in its menu: the link shows the page's title)."""
    site = Site.objects.get(hostname=TERNOPIL)
    home = Page.objects.get(
        translation_key=site.root_page.translation_key, locale__language_code=language
    )
    return NewsIndexPage.objects.live().child_of(home).get()


def _path(page):
    """The page's address on its own site."""
    return page.get_url_parts()[2]


def _ukrainian_menu():
    return MainMenu.objects.get(site__hostname=TERNOPIL, locale__language_code="uk")


def _publish(page):
    page.save_revision().publish()


def test_a_renamed_page_shows_its_new_title_in_the_menu():
    news = _newsroom("uk")
    assert (_path(news), news.title) in _menu(_html("/uk/"))
    news.title = "Новини громади"
    _publish(news)
    assert ("/uk/novyny/", "Новини громади") in _menu(_html("/uk/"))


def test_a_new_slug_changes_the_menu_and_the_other_languages_switcher():
    news = _newsroom("uk")
    assert _switcher(_html(_path(_newsroom("en"))))["uk"] == "/uk/novyny/"
    _html("/uk/")
    news.slug = "novyny-hromady"
    _publish(news)
    assert "/uk/novyny-hromady/" in [url for url, _text in _menu(_html("/uk/"))]
    assert _switcher(_html(_path(_newsroom("en"))))["uk"] == "/uk/novyny-hromady/"


def test_an_unpublished_page_leaves_the_menu_and_the_switcher():
    news = _newsroom("uk")
    english = _path(_newsroom("en"))
    assert "uk" in _switcher(_html(english))
    assert _path(news) in dict(_menu(_html("/uk/")))
    news.unpublish()
    assert _path(news) not in dict(_menu(_html("/uk/")))
    assert "uk" not in _switcher(_html(english))


def test_a_moved_page_is_linked_at_its_new_address():
    news = _newsroom("uk")
    target = news.get_prev_siblings().live().first()
    _html("/uk/")
    news.move(target, pos="last-child")
    urls = [url for url, _text in _menu(_html("/uk/"))]
    assert "/uk/novyny/" not in urls
    assert f"/uk/{target.slug}/novyny/" in urls


def test_a_translation_deleted_or_published_changes_the_switcher():
    english_locale = Locale.objects.get(language_code="en")
    article = NewsPage.objects.live().child_of(_newsroom("uk")).first()
    translation = article.get_translation(english_locale)
    assert _switcher(_html(_path(article)))["en"] == _path(translation)
    translation.delete()
    assert "en" not in _switcher(_html(_path(article)))
    english = article.copy_for_translation(english_locale)
    _publish(english)
    assert _switcher(_html(_path(article)))["en"] == _path(english)


def test_a_menu_item_saved_shows_at_once():
    _html("/uk/")
    item = _ukrainian_menu().items.order_by("sort_order").first()
    item.label = "Відкритість"
    item.save()
    assert "Відкритість" in [text for _url, text in _menu(_html("/uk/"))]
    MenuItem.objects.create(
        menu=_ukrainian_menu(), link_url="https://data.gov.ua/", label="Дані", sort_order=99
    )
    assert _menu(_html("/uk/"))[-1] == ("https://data.gov.ua/", "Дані")


def test_a_menu_unpublished_falls_back_at_once():
    english = MainMenu.objects.get(site__hostname=TERNOPIL, locale__language_code="en")
    ukrainian = [item.text for item in _ukrainian_menu().items.order_by("sort_order")]
    assert [text for _url, text in _menu(_html("/en/"))] != ukrainian
    english.unpublish()
    assert [text for _url, text in _menu(_html("/en/"))] == ukrainian


def test_a_footer_saved_shows_at_once():
    footer = Footer.objects.get(site__hostname=TERNOPIL, locale__language_code="uk")
    _html("/uk/")
    footer.text = "<p>Прийом громадян <b>щосереди</b></p>"
    footer.save()
    assert "Прийом громадян <b>щосереди</b>" in _footer(_html("/uk/"))


def test_a_footer_link_follows_the_page_it_links_to():
    news = _newsroom("uk")
    footer = Footer.objects.get(site__hostname=TERNOPIL, locale__language_code="uk")
    footer.text = f'<p><a linktype="page" id="{news.pk}">Новини</a></p>'
    footer.save()
    assert '/uk/novyny/">Новини</a>' in _footer(_html("/uk/"))
    news.slug = "vsi-novyny"
    _publish(news)
    assert '/uk/vsi-novyny/">Новини</a>' in _footer(_html("/uk/"))


def test_a_restriction_added_or_removed_changes_the_menu_and_the_switcher():
    news = _newsroom("uk")
    english = _path(_newsroom("en"))
    assert _path(news) in dict(_menu(_html("/uk/")))
    assert "uk" in _switcher(_html(english))
    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.LOGIN
    )
    assert _path(news) not in dict(_menu(_html("/uk/")))
    assert "uk" not in _switcher(_html(english))
    restriction.delete()
    assert _path(news) in dict(_menu(_html("/uk/")))
    assert "uk" in _switcher(_html(english))


def test_a_restricted_page_never_reaches_an_anonymous_visitors_menu():
    news = _newsroom("uk")
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    staff = Client()
    staff.force_login(get_user_model().objects.create_user("chrome-reader", password="x"))
    signed_in = _html("/uk/", client=staff)  # the first to fill the cache may see it
    assert _html(_path(news), client=staff)
    anonymous = _html("/uk/")
    assert _path(news) not in dict(_menu(anonymous))
    assert news.title not in [text for _url, text in _menu(anonymous)]
    assert _menu(signed_in) == _menu(anonymous)


def test_a_site_saved_is_found_under_its_new_host_name():
    levski = Site.objects.get(hostname="levski.localhost")
    assert "Левски" in _html("/bg/", host="levski.localhost")
    levski.hostname = "obshtina-levski.localhost"
    levski.save()
    assert "Левски" in _html("/bg/", host="obshtina-levski.localhost")


def test_the_switcher_follows_the_sites_profile(tmp_path, monkeypatch):
    for path in profiles.PROFILE_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(profiles, "PROFILE_DIR", tmp_path)
    monkeypatch.setattr(profiles, "CHECK_INTERVAL", 0)
    profiles.all_profiles.cache_clear()
    try:
        assert set(_switcher(_html("/uk/novyny/"))) == {"uk", "en"}
        path = tmp_path / "ternopil.toml"
        text = path.read_text(encoding="utf-8").replace(
            'languages = ["uk", "en"]', 'languages = ["uk"]'
        )
        path.write_text(text + "\n", encoding="utf-8")  # read again: a new size and time
        assert _switcher(_html("/uk/novyny/")) == {}
    finally:
        monkeypatch.undo()
        profiles.all_profiles.cache_clear()


def test_a_rolled_back_change_leaves_the_cached_menu_as_it_was():
    news = _newsroom("uk")
    _html("/uk/")
    with pytest.raises(RuntimeError), transaction.atomic():
        news.title = "Не збережено"
        _publish(news)
        raise RuntimeError
    assert (_path(news), _newsroom("uk").title) in _menu(_html("/uk/"))


def test_a_warm_page_reads_no_menu_footer_switcher_or_site(django_assert_max_num_queries):
    english = _path(_newsroom("en"))
    Page.objects.get(pk=_newsroom("en").pk).save()  # a new token: the next request is cold
    with CaptureQueriesContext(connection) as cold:
        _html(english)
    with CaptureQueriesContext(connection) as warm:
        _html(english)
    tables = {
        "navigation_mainmenu",
        "navigation_menuitem",
        "navigation_footer",
        "wagtailcore_site",
    }
    read = {table for query in warm for table in tables if f'FROM "{table}"' in query["sql"]}
    assert not read
    assert len(warm) <= len(cold) - 5  # the sites, the menu and its items, footer, versions


def test_an_answer_from_the_cache_carries_the_same_front_cache_tags():
    english = _newsroom("en")
    Page.objects.get(pk=english.pk).save()

    def tags_of_one_request():
        token = tracking.start()
        try:
            _html(_path(english))
        finally:
            tags = tracking.stop(token)
        return tags

    Site.get_site_root_paths()  # Wagtail's own cache, rebuilt after any site change
    cold, warm = tags_of_one_request(), tags_of_one_request()
    assert warm == cold
    menu = MainMenu.objects.get(site__hostname=TERNOPIL, locale__language_code="en")
    assert f"navigation.mainmenu-{menu.pk}" in warm
    linked = menu.items.exclude(link_page=None).values_list("link_page_id", flat=True)
    assert {f"link-{pk}" for pk in linked} <= warm


def test_a_restriction_added_hides_the_page_from_listings_at_once():
    news = _newsroom("uk")
    article = news.articles().first()
    assert _path(article) in _html(_path(news))
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert _path(article) not in _html(_path(news))
    assert _path(article) not in _html("/uk/")
