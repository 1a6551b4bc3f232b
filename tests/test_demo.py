"""The demo loader: real seed text, every site in its languages, safe to run again."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import DraftStateMixin, Page, Site

from cms.navigation.models import Footer, MainMenu
from cms.translations.roles import translatable_snippet_models

pytestmark = pytest.mark.django_db


def test_loading_the_demo_again_changes_nothing():
    before = (
        Page.objects.count(),
        Site.objects.count(),
        MainMenu.objects.count(),
        Footer.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    after = (
        Page.objects.count(),
        Site.objects.count(),
        MainMenu.objects.count(),
        Footer.objects.count(),
    )
    assert after == before
    drafts = [m for m in translatable_snippet_models() if issubclass(m, DraftStateMixin)]
    assert drafts
    for model in drafts:  # snippets have drafts: the demo's are live
        assert model.objects.exists() and not model.objects.filter(live=False).exists(), model


def test_each_site_exists_in_its_language_and_english():
    expected = {"ternopil": {"uk", "en"}, "banska-bystrica": {"sk", "en"}, "levski": {"bg", "en"}}
    for site in Site.objects.all():
        languages = {
            page.locale.language_code for page in site.root_page.get_translations(inclusive=True)
        }
        assert languages == expected[site.site_name]
    assert Site.objects.get(is_default_site=True).site_name == "ternopil"


def test_demo_text_comes_from_the_seeds_not_lorem_ipsum():
    text = " ".join(
        str(page.specific.body)
        for page in Page.objects.type(
            Site.objects.get(site_name="banska-bystrica").root_page.specific_class
        ).live()
    )
    assert "lorem" not in text.lower()
    pages = {
        p.slug: p.specific
        for p in Site.objects.get(site_name="banska-bystrica").root_page.get_children().specific()
    }
    assert "Mapa otvoreného vládnutia" in str(pages["otvorene-vladnutie"].body)
