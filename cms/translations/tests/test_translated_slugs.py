"""A translation gets its own slug from its own title (English pages under English
addresses), the translator can still change it, and the old address of a live page then
redirects to the new one."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail_localize.models import StringTranslation

from cms.translations import po
from cms.translations.slugs import slug_for, slug_from_title
from cms.translations.tests.helpers import locale, new_page

pytestmark = pytest.mark.django_db
HOST = {"host": "ternopil.localhost"}
ENGLISH = {"Громадські слухання": "Public hearings", "Де і коли.": "Where and when."}


def _translate_into_english(source, capture):
    translation = po.translation_for(source, locale("en"))
    file = translation.export_po()
    for entry in file:
        if entry.msgctxt != "slug":
            entry.msgstr = ENGLISH.get(entry.msgid, entry.msgid)
    translation.import_po(file)
    with capture(execute=True):
        translation.save_target(publish=True)
    return translation, source.get_translation(locale("en"))


def test_a_translation_takes_its_slug_from_its_own_title(
    client, django_capture_on_commit_callbacks
):
    source = new_page("ternopil", "hromadski-slukhannia", "Громадські слухання", "Де і коли.")
    translation, english = _translate_into_english(source, django_capture_on_commit_callbacks)
    assert english.slug == "public-hearings"
    assert client.get("/en/public-hearings/", headers=HOST).status_code == 200
    assert source.get_translation(locale("uk")).slug == "hromadski-slukhannia"


def test_the_translator_can_change_the_slug_and_the_old_address_redirects(
    client, django_capture_on_commit_callbacks
):
    source = new_page("ternopil", "slukhannia-2", "Громадські слухання", "Де і коли.")
    translation, english = _translate_into_english(source, django_capture_on_commit_callbacks)
    assert english.live and english.slug == "public-hearings"
    slug = StringTranslation.objects.get(
        locale=locale("en"), context__path="slug", context__object_id=source.translation_key
    )
    slug.data = "Hearings"
    slug.save()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english.refresh_from_db()
    assert english.slug == "hearings"
    response = client.get("/en/public-hearings/", headers=HOST)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/en/hearings/")
    assert Redirect.objects.filter(redirect_page=english).exists()


def test_the_demo_english_pages_have_english_addresses(client):
    assert client.get("/en/open-government/", headers=HOST).status_code == 200
    assert client.get("/uk/vidkryte-vriaduvannia/", headers=HOST).status_code == 200
    levski = {"host": "levski.localhost"}
    assert client.get("/en/document-archive/", headers=levski).status_code == 200
    assert client.get("/en/events/", headers=levski).status_code == 200  # chosen for all


def test_a_slug_chosen_for_every_language_is_not_the_titles():
    assert slug_from_title("vidkryte-vriaduvannia", "Відкрите врядування", "uk")
    assert not slug_from_title("events", "Події", "uk")
    assert not slug_from_title("ogp-action-plan-2021-2023", "План дій ОГП 2021–2023", "uk")
    assert slug_for("Action plan 2021–2023", "en") == "action-plan-2021-2023"
