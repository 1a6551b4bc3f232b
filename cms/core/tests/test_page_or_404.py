"""The core's one "this site's live page that this visitor may see, or 404"
(cms.core.visibility.visible_page_or_404) on the demo sites."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from cms.core.profiles import all_profiles
from cms.core.visibility import visible_page_or_404

pytestmark = pytest.mark.django_db

HOSTS = {profile.slug: profile.hostname for profile in all_profiles()}


def _request(slug):
    request = RequestFactory().get("/", HTTP_HOST=HOSTS[slug])
    request.user = AnonymousUser()
    request.session = {}
    return request


def _page(slug, language):
    site = Site.objects.get(site_name=slug)
    home = site.root_page.get_translations(inclusive=True).get(locale__language_code=language)
    return Page.objects.child_of(home).live().order_by("path").first()


def test_a_live_public_page_of_the_site_is_given_as_its_specific_type_by_id_or_page():
    page = _page("ternopil", "uk")
    found = visible_page_or_404(_request("ternopil"), str(page.pk))
    assert found.pk == page.pk and type(found) is type(page.specific)
    assert visible_page_or_404(_request("ternopil"), page).pk == page.pk


def test_its_english_translation_is_on_the_same_site():
    page = _page("ternopil", "en")
    assert visible_page_or_404(_request("ternopil"), page.pk).pk == page.pk


def test_another_sites_page_is_not_found():
    page = _page("levski", "bg")
    with pytest.raises(Http404):
        visible_page_or_404(_request("ternopil"), page.pk)
    assert visible_page_or_404(_request("levski"), page.pk).pk == page.pk


@pytest.mark.parametrize("page_id", ["", "abc", None, "999999999"])
def test_a_bad_or_unknown_id_is_not_found(page_id):
    with pytest.raises(Http404):
        visible_page_or_404(_request("ternopil"), page_id)


def test_a_draft_or_a_restricted_page_is_not_found():
    page = _page("ternopil", "uk")
    Page.objects.filter(pk=page.pk).update(live=False)
    with pytest.raises(Http404):
        visible_page_or_404(_request("ternopil"), page.pk)
    Page.objects.filter(pk=page.pk).update(live=True)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    with pytest.raises(Http404):
        visible_page_or_404(_request("ternopil"), page.pk)


def test_in_language_asks_for_the_urls_language_and_the_type_when_given():
    page = _page("ternopil", "en")
    with translation.override("uk"), pytest.raises(Http404):
        visible_page_or_404(_request("ternopil"), page.pk, in_language=True)
    with translation.override("en"):
        assert visible_page_or_404(_request("ternopil"), page.pk, in_language=True).pk == page.pk
    home_type = type(page.get_parent().specific)
    assert home_type is not type(page.specific)
    with translation.override("en"), pytest.raises(Http404):
        visible_page_or_404(_request("ternopil"), page.pk, home_type)
    home = page.get_parent()
    assert visible_page_or_404(_request("ternopil"), home.pk, home_type).pk == home.pk
