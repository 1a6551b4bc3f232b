"""What a citizen sees of an emergency notice: on every page of its site, in the page's
language, nowhere else, and gone when an editor switches it off."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.alerts.tests.factories import make_notice

pytestmark = pytest.mark.django_db

AIR_RAID_UK = "Повітряна тривога! Пройдіть до найближчого укриття."
AIR_RAID_EN = "Air-raid alert! Go to the nearest shelter."


def _banner(html):
    match = re.search(r'<section class="emergency-notices".*?</section>', html, re.S)
    return match.group(0) if match else ""


def _one_public_page_of_each_type(site_slug, language):
    site = Site.objects.get(site_name=site_slug)
    root = site.root_page
    if root.locale.language_code != language:
        root = root.get_translation(root.locale.__class__.objects.get(language_code=language))
    pages = {}
    for page in Page.objects.descendant_of(root, inclusive=True).live().public().specific():
        pages.setdefault(type(page).__name__, page)
    return pages


def test_notice_is_on_every_page_type_of_its_site_in_the_page_language(get):
    make_notice("ternopil", {"uk": AIR_RAID_UK, "en": AIR_RAID_EN})
    for language, message in (("uk", AIR_RAID_UK), ("en", AIR_RAID_EN)):
        pages = _one_public_page_of_each_type("ternopil", language)
        assert {"HomePage", "NewsIndexPage", "NewsPage", "StandardPage"} <= set(pages)
        for name, page in pages.items():
            response = get("ternopil", page.get_url_parts()[2])
            assert response.status_code == 200, name
            banner = _banner(response.content.decode())
            assert message in banner, f"{name} in {language}"
            assert 'aria-label="' in banner and "role=" not in banner
    not_found = get("ternopil", "/uk/no-such-page/")
    assert not_found.status_code == 404 and AIR_RAID_UK in _banner(not_found.content.decode())


def test_notice_is_not_shown_on_other_sites(get):
    make_notice("ternopil", {"uk": AIR_RAID_UK, "en": AIR_RAID_EN})
    for site, path in (("levski", "/bg/"), ("banska-bystrica", "/sk/"), ("levski", "/en/")):
        html = get(site, path).content.decode()
        assert _banner(html) == ""
        assert "alerts/notice.css" not in html


def test_a_language_without_text_shows_the_site_language_marked_as_such(get):
    make_notice("ternopil", {"uk": AIR_RAID_UK}, link_url="https://example.org/shelters")
    banner = _banner(get("ternopil", "/en/").content.decode())
    assert f'<span lang="uk">{AIR_RAID_UK}</span>' in banner
    assert ">Emergency:<" in banner  # the label is in the page's language
    assert '<a class="emergency-notice__link" href="https://example.org/shelters">' in banner
    assert "More information</a>" in banner


def test_severity_is_named_in_words_and_in_the_reader_language(get):
    make_notice("ternopil", {"uk": "Планове відключення води"}, severity="warning")
    banner = _banner(get("ternopil", "/uk/").content.decode())
    assert "emergency-notice--warning" in banner
    assert ">Попередження:<" in banner


def test_notice_disappears_when_switched_off_and_when_deleted(
    get, django_capture_on_commit_callbacks
):
    notice = make_notice("ternopil", {"uk": AIR_RAID_UK})
    assert AIR_RAID_UK in get("ternopil", "/uk/").content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        notice.active = False
        notice.save()
    assert AIR_RAID_UK not in get("ternopil", "/uk/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notice.active = True
        notice.save()
    assert AIR_RAID_UK in get("ternopil", "/uk/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notice.delete()
    assert _banner(get("ternopil", "/uk/").content.decode()) == ""


def test_edited_text_shows_at_once(get):
    notice = make_notice("ternopil", {"uk": AIR_RAID_UK})
    get("ternopil", "/uk/")
    text = notice.texts.get()
    text.message = "Відбій повітряної тривоги."
    text.save()
    html = get("ternopil", "/uk/").content.decode()
    assert "Відбій повітряної тривоги." in html and AIR_RAID_UK not in html


def test_a_notice_moved_to_another_site_leaves_the_first(get):
    notice = make_notice("ternopil", {"uk": AIR_RAID_UK, "bg": "Въздушна тревога"})
    get("ternopil", "/uk/")
    notice.site = Site.objects.get(site_name="levski")
    notice.save()
    assert _banner(get("ternopil", "/uk/").content.decode()) == ""
    assert "Въздушна тревога" in _banner(get("levski", "/bg/").content.decode())


def _queries(get, path):
    with CaptureQueriesContext(connection) as queries:
        html = get("ternopil", path).content.decode()
    return len(queries), html


def test_home_page_needs_one_more_query_with_a_notice_and_none_once_cached(get):
    get("ternopil", "/uk/")
    without, _ = _queries(get, "/uk/")
    make_notice("ternopil", {"uk": AIR_RAID_UK})
    first, html = _queries(get, "/uk/")
    assert AIR_RAID_UK in html and first == without + 1
    cached, html = _queries(get, "/uk/")
    assert AIR_RAID_UK in html and cached == without


def test_a_per_process_memory_cache_is_not_trusted_with_notices(get, settings):
    """Another worker could not drop its copy: each page asks the database (the one query
    is there with or without a notice)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    get("ternopil", "/uk/")
    without, _ = _queries(get, "/uk/")
    notice = make_notice("ternopil", {"uk": AIR_RAID_UK})
    for _ in range(2):
        count, html = _queries(get, "/uk/")
        assert AIR_RAID_UK in html and count == without
    notice.__class__.objects.filter(pk=notice.pk).update(active=False)  # no signal at all
    assert AIR_RAID_UK not in get("ternopil", "/uk/").content.decode()


def test_pages_with_a_notice_stay_cacheable_by_the_front_cache(get):
    make_notice("ternopil", {"uk": AIR_RAID_UK})
    response = get("ternopil", "/uk/")
    assert AIR_RAID_UK in response.content.decode()
    assert "s-maxage=" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert '<link rel="stylesheet" href="/static/alerts/notice.css">' in response.content.decode()


def test_several_notices_show_the_most_severe_first(get):
    make_notice("ternopil", {"uk": "Ремонт дороги на вулиці Руській"}, severity="info")
    make_notice("ternopil", {"uk": AIR_RAID_UK}, severity="critical")
    make_notice("ternopil", {"uk": "Вимкнено"}, active=False)
    banner = _banner(get("ternopil", "/uk/").content.decode())
    assert banner.index(AIR_RAID_UK) < banner.index("Ремонт дороги")
    assert "Вимкнено" not in banner
