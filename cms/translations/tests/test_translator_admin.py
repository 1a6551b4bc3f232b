"""The translator's and editor's admin: "Translate" offers only the languages of the page's
own site; the translation editor never has "Delete" as its main button, and translators are
offered neither "Delete" nor "Convert to alias page"; "Submit translation for approval" is
at the top of the editor."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site
from wagtail_localize.models import Translation

from cms.navigation.models import MainMenu
from cms.translations import po
from cms.translations.tests.helpers import home, locale, make_user, new_page, translator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_active_language():
    """Admin requests activate the user's language; later tests expect the one before."""
    language = translation.get_language()
    yield
    translation.activate(language)


def _offered(response):
    """Language codes of the checkboxes of wagtail-localize's "Translate" form."""
    return {choice.language_code for choice in response.context["form"].fields["locales"].queryset}


def _ternopil_page():
    return new_page("ternopil", "hromadskyi-biudzhet", "Громадський бюджет", "Проєкти мешканців.")


def test_translate_page_offers_only_the_languages_of_the_pages_site(client):
    page = _ternopil_page()
    client.force_login(make_user("Editors"))
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    assert response.status_code == 200
    assert _offered(response) == {"en"}
    text = response.content.decode()
    assert "English" in text
    assert "Slovak" not in text and "Bulgarian" not in text


def test_translating_a_page_into_a_language_of_another_site_is_refused_and_creates_nothing(
    client,
):
    page = _ternopil_page()
    user = translator()
    client.force_login(user)
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [locale("sk").pk]})
    assert response.status_code == 200
    assert "Only the languages of this site can be chosen" in response.content.decode()
    assert not Page.objects.filter(translation_key=page.translation_key, locale=locale("sk"))
    assert not Translation.objects.filter(source__object_id=page.translation_key)

    response = client.post(url, {"locales": [locale("en").pk]})
    assert response.status_code == 302
    assert Page.objects.filter(translation_key=page.translation_key, locale=locale("en")).exists()


def test_a_page_in_every_language_of_its_site_is_not_offered_an_empty_form(client):
    ternopil_home = home("ternopil")
    client.force_login(translator())
    url = reverse("wagtail_localize:submit_page_translation", args=[ternopil_home.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain
    assert "already exists in every language of its site" in response.content.decode()


def test_a_site_snippet_is_offered_only_its_sites_languages(client):
    site = Site.objects.get(site_name="ternopil")
    menu = MainMenu.objects.get(site=site, locale__language_code="uk")
    MainMenu.objects.filter(site=site, locale__language_code="en").delete()
    client.force_login(make_user("Editors"))
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["navigation", "mainmenu", menu.pk]
    )
    assert _offered(client.get(url)) == {"en"}
    response = client.post(url, {"locales": [locale("bg").pk]})
    assert "Only the languages of this site can be chosen" in response.content.decode()
    assert not MainMenu.objects.filter(site=site, locale__language_code="bg").exists()


def _translation(user):
    """A Ternopil page translated into English by `user`, never published."""
    source = _ternopil_page()
    translation = po.translation_for(source, locale("en"), user)
    return translation, translation.get_target_instance()


def _editor_props(response):
    match = re.search(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    assert match, "the translation editor was not rendered"
    return json.loads(html.unescape(match.group(1)))


def _footer_actions(props):
    """The footer's actions in wagtail-localize's order; the last one is the main button."""
    perms, links, locked = props["perms"], props["links"], props["object"]["isLocked"]
    actions = ["stop synced translation"]
    if links["convertToAliasUrl"]:
        actions.append("convert to alias page")
    if perms["canDelete"]:
        actions.append("delete")
    if perms["canLock"] and not locked:
        actions.append("lock")
    if perms["canUnlock"] and locked:
        actions.append("unlock")
    if perms["canUnpublish"]:
        actions.append("unpublish")
    if perms["canPublish"]:
        actions.append("publish")
    return actions


def test_a_translator_is_offered_neither_delete_nor_convert_to_alias(client):
    user = translator()
    translation, target = _translation(user)
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    actions = _footer_actions(_editor_props(response))
    assert "delete" not in actions
    assert "convert to alias page" not in actions


def test_delete_is_never_the_main_button_and_editors_keep_convert_to_alias(client):
    editor = make_user("Editors")
    translation, target = _translation(editor)
    assert target.permissions_for_user(editor).can_delete()
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    actions = _footer_actions(_editor_props(response))
    assert actions[-1] != "delete"
    assert "convert to alias page" in actions

    client.force_login(make_user("Moderators"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    actions = _footer_actions(_editor_props(response))
    assert actions[-1] == "publish" and "delete" in actions


def test_the_convert_to_alias_view_refuses_translators_and_changes_nothing(client):
    user = translator()
    translation, target = _translation(user)
    client.force_login(user)
    url = reverse("wagtail_localize:convert_to_alias", args=[target.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert "Translators cannot convert a translation into an alias page" in (
            response.content.decode()
        )
    target.refresh_from_db()
    assert target.alias_of_id is None
    assert Translation.objects.filter(pk=translation.pk, enabled=True).exists()

    client.force_login(make_user("Moderators"))
    assert client.get(url).status_code == 200


def test_convert_to_alias_is_not_in_a_translators_page_action_menu(client):
    user = translator()
    translation, target = _translation(user)
    translation.enabled = False  # "Stop Synced translation": the ordinary page editor
    translation.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert 'name="localize-convert-to-alias"' not in response.content.decode()
    client.force_login(make_user("Editors"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
    assert 'name="localize-convert-to-alias"' in response.content.decode()


def test_submit_for_approval_is_at_the_top_of_the_translation_editor(client):
    user = translator()
    translation, target = _translation(user)
    client.force_login(user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    text = client.get(edit_url).content.decode()
    submit_url = reverse("translations:submit_for_moderation", args=[translation.pk])
    banner = text.index(f'action="{submit_url}"')
    assert banner < text.index("js-translation-editor")
    assert "Submit translation for approval" in text[banner:]

    client.post(submit_url, {"next": edit_url})
    assert f'action="{submit_url}"' not in client.get(edit_url).content.decode()


def test_the_status_report_has_its_own_visible_heading(client):
    client.force_login(translator())
    text = client.get(reverse("translations:status")).content.decode()
    assert re.search(r"<title>\s*Translation status", text)
    heading = re.search(r'<h1 class="([^"]*)"[^>]*>(.*?)</h1>', text, re.S)
    assert heading and "Translation status" in heading.group(2)
    assert "sr-only" not in heading.group(1)


def test_the_status_reports_translate_link_ticks_the_missing_language(client):
    page = _ternopil_page()
    client.force_login(translator())
    site = Site.objects.get(site_name="ternopil")
    text = client.get(reverse("translations:status"), {"site": site.pk}).content.decode()
    link = re.search(rf'href="([^"]*/localize/submit/page/{page.pk}/[^"]*)"', text)
    assert link, "no Translate link for the untranslated page"
    form = client.get(html.unescape(link.group(1))).content.decode()
    assert re.search(
        rf'<input type="checkbox" name="locales" value="{locale("en").pk}"[^>]*checked', form
    )
