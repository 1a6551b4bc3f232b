"""The language switcher on every page type of the demo lands on the right translation.

Page types are discovered, not listed: each site's sitemap.xml gives its pages and their
hreflang alternates, and the served database says which type each page is, so page types
that apps and plugins add are covered too.
"""

import json
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from cms.core.profiles import all_profiles

pytestmark = pytest.mark.browser

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
PAGE_TYPES = """
import json
from wagtail.models import Page
pages = Page.objects.live().filter(depth__gt=1).specific(defer=True)
print(json.dumps({p.get_full_url(): type(p)._meta.label for p in pages}))
"""


def _sitemap(live_site, slug):
    host = urlsplit(live_site.url(slug)).netloc
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_site.port}/sitemap.xml", headers={"Host": host}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        root = ET.fromstring(response.read())
    entries = {}
    for url in root.findall("s:url", NS):
        location = url.find("s:loc", NS).text
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        entries[location] = alternates
    return entries


@pytest.fixture(scope="module")
def cases(live_site):
    """One page per (site, page type) that exists in more than one language."""
    output = live_site.manage("shell", "-c", PAGE_TYPES).strip().splitlines()[-1]
    page_types = json.loads(output)
    found = {}
    for profile in all_profiles():
        for location, alternates in _sitemap(live_site, profile.slug).items():
            if len(alternates) < 2:
                continue
            language = urlsplit(location).path.strip("/").split("/")[0]
            page_type = page_types.get(location, "unknown")
            key = (profile.slug, page_type)
            if key not in found:
                found[key] = (location, language, alternates)
    return found


def test_every_page_type_is_covered(cases):
    types = {page_type for _, page_type in cases}
    assert {"home.HomePage", "pages.StandardPage"} <= types
    assert {slug for slug, _ in cases} == {p.slug for p in all_profiles()}


def test_switching_language_lands_on_the_translation(cases, page):
    failures = []
    for (slug, page_type), (location, language, alternates) in sorted(cases.items()):
        for target_language, target_url in alternates.items():
            if target_language == language:
                continue
            page.goto(location)
            link = page.locator(f'nav.language-switcher a[hreflang="{target_language}"]')
            if link.count() != 1:
                failures.append(f"{slug} {page_type} {location}: no {target_language} link")
                continue
            link.click()
            page.wait_for_load_state()
            landed = page.url
            lang = page.get_attribute("html", "lang")
            current = page.locator('nav.language-switcher a[aria-current="true"]')
            if (
                landed != target_url
                or lang != target_language
                or current.get_attribute("hreflang") != target_language
            ):
                failures.append(
                    f"{slug} {page_type}: {location} -> {landed} (lang={lang}), "
                    f"expected {target_url}"
                )
    assert failures == []
