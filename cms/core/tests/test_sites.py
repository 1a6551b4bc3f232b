"""The core's one answer to "which municipality is this page / request in" (cms.core.sites),
on the demo sites: Ternopil (uk, en), Banská Bystrica (sk, en), Levski (bg, en)."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from cms.core.profiles import all_profiles, default_profile
from cms.core.sites import (
    profile_for_page,
    profile_for_request,
    profile_for_site,
    site_for_page,
    site_roots,
)

pytestmark = pytest.mark.django_db

PROFILES = {profile.slug: profile for profile in all_profiles()}


def _site(slug):
    return Site.objects.get(site_name=slug)


def _deepest_page(root):
    return Page.objects.descendant_of(root).order_by("-depth", "path").first()


@pytest.mark.parametrize("slug", ["ternopil", "banska-bystrica", "levski"])
def test_a_page_in_either_language_of_a_site_belongs_to_that_site(slug):
    site = _site(slug)
    translations = site.root_page.get_translations(inclusive=True)
    assert {home.locale.language_code for home in translations} == set(PROFILES[slug].languages)
    for home in translations:
        page = _deepest_page(home)
        assert page.depth > home.depth
        assert site_for_page(page) == site
        assert site_for_page(home) == site
        assert profile_for_page(page) == PROFILES[slug]


def test_a_page_being_created_is_found_through_its_tree_path_before_its_url_path():
    site = _site("levski")
    parent = _deepest_page(site.root_page)
    probe = Page(title="New", path=parent.path + "0001", depth=parent.depth + 1, url_path="")
    assert site_for_page(probe) == site
    assert profile_for_page(probe).time_zone == "Europe/Sofia"


def test_no_site_for_the_tree_root_an_unsaved_page_or_nothing():
    assert site_for_page(Page.get_first_root_node()) is None
    assert site_for_page(Page(title="Not in the tree")) is None
    assert site_for_page(None) is None


def test_outside_every_site_the_default_profile_answers():
    orphan = Page.get_first_root_node().add_child(instance=Page(title="Outside", slug="outside"))
    assert site_for_page(orphan) is None
    assert profile_for_page(orphan) == default_profile()
    assert profile_for_page(None) == default_profile()
    assert profile_for_site(None) == default_profile()


def test_the_fallback_rule_slug_then_hostname_then_default():
    levski = PROFILES["levski"]
    assert profile_for_site(Site(site_name="levski", hostname="elsewhere.example")) == levski
    assert profile_for_site(Site(site_name="", hostname=levski.hostname)) == levski
    unknown = Site(site_name="nowhere", hostname="nowhere.example")
    assert profile_for_site(unknown) == default_profile() == all_profiles()[0]


def test_site_roots_answers_a_batch_without_more_queries(django_assert_num_queries):
    pages = [
        _deepest_page(home)
        for slug in PROFILES
        for home in _site(slug).root_page.get_translations(inclusive=True)
    ]
    with django_assert_num_queries(2):
        roots = site_roots()
    with django_assert_num_queries(0):
        found = [site_for_page(page, roots).site_name for page in pages]
    assert found == [site_for_page(page).site_name for page in pages]
    assert sorted(set(found)) == sorted(PROFILES)


@pytest.mark.parametrize("slug", ["ternopil", "banska-bystrica", "levski"])
def test_the_profile_of_a_request_follows_its_host(slug):
    request = RequestFactory().get("/", HTTP_HOST=PROFILES[slug].hostname)
    assert profile_for_request(request) == PROFILES[slug]
    assert request.municipality == PROFILES[slug]


def test_an_unknown_host_gets_the_default_site_and_profile():
    request = RequestFactory().get("/", HTTP_HOST="unknown.example")
    assert Site.find_for_request(request).is_default_site
    assert profile_for_request(request) == default_profile()
