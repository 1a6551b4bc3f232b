"""What a reader gets on the home and standard pages: language, contacts, caching, queries."""

import re

import pytest
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_a_fixed_number_of_queries(get, django_assert_max_num_queries):
    get("ternopil", "/uk/")  # warm the per-process caches (content types, locales, chrome)
    # the frame's token (the site, menu, footer, language versions, locale ids and restricted
    # sections come from the cache: cms.core.chrome), the active locale, the page and its
    # ancestors, the page's view restrictions, the latest news (index, articles,
    # their images and renditions in one query each: at most three), and the site's
    # emergency notices (one query: the tests' per-process cache does not keep them);
    # the front door's sections: the top tasks' pages (one), open consultations (index,
    # open ones, the next to open), upcoming events (calendar, events), the current action
    # plan (plans, commitments, milestones). tests/test_home_page.py: fixed as content grows.
    with django_assert_max_num_queries(22):
        response = get("ternopil", "/uk/")
    assert response.status_code == 200


def test_home_page_title_names_the_municipality_once(get):
    html = get("ternopil", "/uk/").content.decode()
    assert "<title>Тернопільська міська рада</title>" in html
    html = get("ternopil", "/uk/vidkryte-vriaduvannia/").content.decode()
    assert re.search(r"<title>[^<|]+ \| Тернопільська міська рада</title>", html)


def test_contact_details_are_on_every_page(get):
    html = get("ternopil", "/uk/").content.decode()
    assert "15-80" in html and "Листопадова" in html
    html = get("banska-bystrica", "/en/accessibility/").content.decode()
    assert "Československej armády 26" in html
    html = get("levski", "/bg/chuy-me/").content.decode()
    assert "Левски" in html


def test_anonymous_pages_are_cacheable_by_a_shared_cache(get):
    response = get("levski", "/bg/")
    assert "s-maxage=" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")
    assert "Accept-Language" not in response.get("Vary", "")


def test_no_inline_scripts_styles_or_handlers(get):
    html = get("ternopil", "/uk/vidkryte-vriaduvannia/").content.decode()
    assert not re.search(r"<script(?![^>]*application/ld\+json)[^>]*>\s*\S", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)


def test_menu_and_footer_follow_the_language(get):
    uk = get("ternopil", "/uk/").content.decode()
    en = get("ternopil", "/en/").content.decode()
    assert 'aria-label="Main menu"' in en
    assert "/uk/vidkryte-vriaduvannia/" in uk and "/en/open-government/" not in uk
    assert "/en/open-government/" in en


def test_sitemap_lists_every_language_with_alternates(get):
    response = get("banska-bystrica", "/sitemap.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "/sk/otvorene-vladnutie/" in xml and "/en/open-government/" in xml
    assert 'hreflang="sk"' in xml and 'hreflang="en"' in xml
    assert "/uk/" not in xml  # another site's pages are not in this site's sitemap
    robots = get("banska-bystrica", "/robots.txt").content.decode()
    assert "Sitemap: http://banska-bystrica.localhost/sitemap.xml" in robots


def test_an_unpublished_page_is_neither_served_nor_listed(get):
    site = Site.objects.get(site_name="levski")
    page = site.root_page.get_children().get(slug="chuy-me")
    page.unpublish()
    assert get("levski", "/bg/chuy-me/").status_code == 404
    assert "/bg/chuy-me/" not in get("levski", "/sitemap.xml").content.decode()
    assert "/bg/chuy-me/" not in get("levski", "/bg/").content.decode()  # nor in the menu


def test_dates_follow_the_site_time_zone(get, settings):
    from django.utils import timezone

    get("levski", "/bg/")
    assert str(timezone.get_current_timezone()) == "Europe/Sofia"
    get("banska-bystrica", "/sk/")
    assert str(timezone.get_current_timezone()) == "Europe/Bratislava"


def test_server_error_page_is_translated_and_needs_no_database(rf, django_assert_num_queries):
    from django.utils import translation

    from cms.core.views import server_error

    with translation.override("bg"), django_assert_num_queries(0):
        response = server_error(rf.get("/bg/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="bg">' in html
    assert "Something went wrong" not in html
