"""A translation gets its own slug from its own title (English pages under English
addresses), the translator can still change it, and the old address of a live page then
redirects to the new one."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail_localize.models import StringTranslation

from cms.translations import po
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
