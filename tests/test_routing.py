"""Every demo page answers in each of its languages, on its own host only."""

import re

import pytest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from cms.core.profiles import all_profiles

pytestmark = pytest.mark.django_db

PROFILES = {profile.slug: profile for profile in all_profiles()}


def _site_pages():
    for site in Site.objects.all():
        for root in site.root_page.get_translations(inclusive=True):
            for page in Page.objects.descendant_of(root, inclusive=True).live().public():
                yield site.site_name, page


def test_every_demo_page_renders_in_each_of_its_languages(get):
    seen = 0
    for slug, page in _site_pages():
        path = page.get_url_parts()[2]
        response = get(slug, path)
        assert response.status_code == 200, (slug, path)
        language = page.locale.language_code
        assert f'<html lang="{language}">' in response.content.decode()
        seen += 1
    assert seen >= 3 * 2 * 3  # three sites, two languages, home and standard pages at least


@pytest.mark.parametrize("slug", PROFILES)
def test_bare_host_goes_to_the_site_language_whatever_the_browser_asks(client, slug):
    profile = PROFILES[slug]
    response = client.get("/", headers={"host": profile.hostname, "accept-language": "en;q=1.0"})
    assert response.status_code == 302
    assert response["Location"] == f"/{profile.default_language}/"


def test_plain_localhost_serves_the_first_profile(client):
    response = client.get("/uk/", headers={"host": "localhost"})
    assert response.status_code == 200
    assert PROFILES["ternopil"].name("uk") in response.content.decode()


@pytest.mark.parametrize(
    "slug,path",
    [
        ("ternopil", "/sk/"),  # a language the site does not offer
        ("ternopil", "/bg/"),
        ("banska-bystrica", "/uk/"),
        ("levski", "/sk/"),
        ("levski", "/bg/no-such-page/"),
        ("levski", "/xx/"),  # not a language at all
    ],
)
def test_unknown_pages_and_languages_get_the_translated_404(get, slug, path):
    response = get(slug, path, follow=True)
    assert response.status_code == 404
    html = response.content.decode()
    language = PROFILES[slug].default_language if not path.startswith("/en/") else "en"
    assert f'<html lang="{language}">' in html
    assert "Page not found" not in html  # translated, not the English original


def test_english_404_is_english(get):
    response = get("levski", "/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_sites_pages_are_not_served_under_another_host(client):
    for slug, page in _site_pages():
        path = page.get_url_parts()[2]
        language = page.locale.language_code
        for other in PROFILES.values():
            if other.slug == slug:
                continue
            response = client.get(path, headers={"host": other.hostname})
            if response.status_code == 200:  # the other site's own page at the same path
                html = response.content.decode()
                assert f'class="site-name" href="/{language}/">' in html
                assert f'class="site-name__text">{other.name(language)}<' in html
                assert PROFILES[slug].name(language) not in html
            else:
                assert response.status_code == 404, (slug, path, other.slug)


@pytest.mark.parametrize(
    "path",
    [
        "/uk/" + "a/" * 600,
        "/uk/" + "x" * 5000 + "/",
        "/uk/%00/",
        "/uk/%ff%fe/",
        "/uk/<script>/",
        "/uk/../../etc/passwd",
        "//uk//",
    ],
)
def test_malformed_urls_get_a_clean_client_error(get, path):
    response = get("ternopil", path, follow=True)
    assert response.status_code in (400, 404)


def test_hostile_query_strings_give_a_normal_page(get):
    for query in ("?page=%00", "?q=" + "x" * 5000, "?<script>=1", "?a=%ff%fe"):
        assert get("ternopil", "/uk/" + query).status_code == 200


# Every query parameter the public pages read (news, archive, plans, search, calendar,
# consultations, comments).
PARAMETERS = (
    "body category comments_order comments_page commitment institution kind languages month "
    "order p page q reply_to show sort status tag topic type value venue year"
).split()


@pytest.mark.parametrize("value", ["%3Cscript%3Ea%00%ff%fe", "-" + "9" * 30])
def test_hostile_values_of_every_parameter_never_give_a_server_error(get, value):
    """One page of each type (PostgreSQL refuses NUL bytes: they must not reach a query)."""
    seen = set()
    paths = [("ternopil", "/uk/search/")]
    for slug, page in _site_pages():
        page_type = page.specific_class
        if page_type in seen:
            continue
        seen.add(page_type)
        base = page.get_url_parts()[2]
        paths.append((slug, base))
        if issubclass(page_type, RoutablePageMixin):  # its subpages without arguments
            for pattern in page_type.get_subpage_urls():
                if pattern.pattern.regex.groups == 0 and pattern.name:
                    subpage = page.specific.reverse_subpage(pattern.name)
                    paths.append((slug, base + subpage.lstrip("/")))
    for slug, path in paths:
        for name in PARAMETERS:
            response = get(slug, f"{path}?{name}={value}")
            # A form for signed-in citizens sends the anonymous visitor to sign in.
            to_sign_in = response.status_code == 302 and "/accounts/login/" in response.get(
                "Location", ""
            )
            assert response.status_code in (200, 400, 404) or to_sign_in, (path, name, value)
            assert b"<script>" not in response.content.split(b"</head>", 1)[-1], (path, name)


def test_unknown_host_is_refused_in_production(client, settings):
    settings.ALLOWED_HOSTS = [p.hostname for p in PROFILES.values()]
    response = client.get("/uk/", headers={"host": "evil.example"})
    assert response.status_code == 400


def test_hreflang_alternates_are_reciprocal_and_the_switcher_leads_to_them(get):
    checked = 0
    for slug, page in _site_pages():
        html = get(slug, page.get_url_parts()[2]).content.decode()
        alternates = dict(
            re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html)
        )
        own = page.locale.language_code
        assert own in alternates, page.url_path
        for language, url in alternates.items():
            path = re.sub(r"^https?://[^/]+", "", url)
            other = get(slug, path).content.decode()
            assert f'<html lang="{language}">' in other
            back = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', other))
            assert back == alternates
            # The switcher link for that language carries lang and hreflang (WCAG 3.1.2).
            assert f'href="{path}" lang="{language}" hreflang="{language}"' in html
        checked += 1
    assert checked > 0
