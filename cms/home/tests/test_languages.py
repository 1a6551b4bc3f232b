"""Every site's home page in each of its languages: the right language, name and page, links
to its other language only, and a bounded number of queries."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.core.profiles import all_profiles

pytestmark = pytest.mark.django_db

PROFILES = {profile.slug: profile for profile in all_profiles()}
LANGUAGES = [(slug, language) for slug, p in PROFILES.items() for language in p.languages]
#: A warm home page for an anonymous reader (site, menu, footer, sections of every app).
#: The sections' queries do not grow with the content (tests/test_home_page.py).
MAX_QUERIES = 40


def _get(client, slug, path):
    return client.get(path, headers={"host": PROFILES[slug].hostname})


def _home(slug, language):
    root = Site.objects.get(site_name=slug).root_page
    return root.get_translations(inclusive=True).get(locale__language_code=language)


@pytest.mark.parametrize("slug,language", LANGUAGES)
def test_the_home_page_is_in_its_language_with_the_municipalitys_name(slug, language):
    profile = PROFILES[slug]
    response = _get(Client(), slug, f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert profile.name(language) in title
    assert f"<h1>{_home(slug, language).title}</h1>" in html


@pytest.mark.parametrize("slug,language", LANGUAGES)
def test_alternates_name_the_sites_languages_only(slug, language):
    html = _get(Client(), slug, f"/{language}/").content.decode()
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert set(alternates) == set(PROFILES[slug].languages)
    for code, url in alternates.items():
        assert url.startswith(f"http://{PROFILES[slug].hostname}") and url.endswith(f"/{code}/")


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_a_language_the_site_does_not_have_is_not_served(slug):
    others = {"uk", "sk", "bg"} - set(PROFILES[slug].languages)
    assert len(others) == 2
    for other in others:
        assert _get(Client(), slug, f"/{other}/").status_code == 404


@pytest.mark.parametrize("slug,language", LANGUAGES)
def test_the_home_page_query_count_is_bounded(slug, language):
    client = Client()
    _get(client, slug, f"/{language}/")  # warm the per-process caches
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert _get(client, slug, f"/{language}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], "a warm home page asks the same every time"
    assert counts[0] <= MAX_QUERIES, [query["sql"][:120] for query in queries.captured_queries]
