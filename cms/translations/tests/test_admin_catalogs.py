"""The admin in Ukrainian, Slovak and Bulgarian: the project's catalogs against every
installed package's English catalog (an upgrade that brings new messages fails here)."""

import json
import subprocess

import pytest
from django.test import Client
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.translations import admin_catalog

CATALOGS = [(lang, domain) for lang in admin_catalog.LANGUAGES for domain in admin_catalog.DOMAINS]


@pytest.mark.parametrize("language,domain", CATALOGS)
def test_every_package_message_is_translated(language, domain):
    todo = admin_catalog.problems(language, domain)
    assert todo == [], f"{len(todo)} to do; run `manage.py admin_catalogs --list`:\n" + "\n".join(
        todo[:40]
    )


@pytest.mark.parametrize("language,domain", CATALOGS)
def test_catalog_placeholders_and_plurals_are_valid(language, domain):
    path = admin_catalog.catalog_path(language, domain)
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_the_slovak_catalog_is_seeded_from_wagtails_sk_sk():
    # Django never loads Wagtail's `sk_SK` for `sk`; its translations reach Slovak here.
    with translation.override("sk"):
        assert translation.gettext("Password") != "Password"
        assert translation.gettext("Draft") == "Koncept"


@pytest.mark.parametrize(
    "language,english",
    [
        (language, english)
        for language in admin_catalog.LANGUAGES
        for english in ("Workflow", "Switch locales", "More actions", "Help", "Password")
    ],
)
def test_words_the_issue_found_in_english(language, english):
    with translation.override(language):
        assert translation.gettext(english) != english


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


@pytest.mark.django_db
@pytest.mark.parametrize("language", admin_catalog.LANGUAGES)
def test_the_admins_javascript_catalog(admin_user, language):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(admin_user)
    catalog = client.get("/admin/jsi18n/").content.decode()
    assert '"Collapse all": "' in catalog


@pytest.mark.django_db
@pytest.mark.parametrize("language", admin_catalog.LANGUAGES)
def test_the_login_page_has_no_english(language):
    with translation.override(language):
        body = Client(headers={"accept-language": language}).get("/admin/login/").content
    text = body.decode()
    for english in ("Password", "Sign in", "Forgotten password?"):
        assert f">{english}<" not in text
