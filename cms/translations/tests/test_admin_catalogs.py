"""Slovak and Bulgarian for wagtail-localize's editor, from the project's own catalog."""

import json
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.utils import translation
from wagtail.users.models import UserProfile

CATALOG = Path(__file__).resolve().parents[1] / "editor_catalog" / "locale"


@pytest.mark.parametrize("path", sorted(CATALOG.glob("*/LC_MESSAGES/*.po")), ids=str)
def test_editor_catalog_is_complete(path):
    po = polib.pofile(str(path))
    assert len(po) > 30
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []


@pytest.mark.parametrize(
    "language,text", [("sk", "Preložiť túto stránku"), ("bg", "Преведи тази страница")]
)
def test_admin_strings_are_translated(language, text):
    with translation.override(language):
        assert translation.gettext("Translate this page") == text


@pytest.mark.django_db
@pytest.mark.parametrize("language,text", [("sk", "Stiahnuť súbor PO"), ("bg", "Изтегли PO файл")])
def test_the_editors_javascript_catalog(admin_user, language, text):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(admin_user)
    response = client.get("/admin/localize/jsi18n/")
    assert json.dumps(text)[1:-1] in response.content.decode()
