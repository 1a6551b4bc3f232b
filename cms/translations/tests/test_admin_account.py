"""An admin user chooses the admin's language on Wagtail's account page without having to
give a first and last name first, and the choice says what it changes."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.translations.tests.helpers import translator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_active_language():
    """Admin requests activate the user's language; later tests expect the one before."""
    language = translation.get_language()
    yield
    translation.activate(language)


def _posted_form(response):
    """The account form as a browser posts it unchanged: every panel's current values."""
    data = {}
    for panels in response.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                if isinstance(field.field, forms.FileField):
                    continue
                value = field.value()
                if value is None or value is False:
                    continue
                data[field.html_name] = "on" if value is True else value
    return data


def test_a_user_without_a_name_can_choose_the_admin_language(client):
    user = translator()
    user.first_name = user.last_name = ""
    user.save()
    client.force_login(user)
    url = reverse("wagtailadmin_account")
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Language of the admin" in text
    assert "It does not change the languages of the site&#x27;s pages." in text
    assert ">Slovenčina</option>" in text and ">Български</option>" in text

    data = _posted_form(response)
    assert data["name_email-first_name"] == "" and data["name_email-last_name"] == ""
    data["locale-preferred_language"] = "sk"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        (panel.name, panel.get_form().errors)
        for panels in response.context["panels_by_tab"].values()
        for panel in panels
    ]
    assert UserProfile.get_for_user(user).preferred_language == "sk"
    response = client.get(url)
    assert "Jazyk administrácie" in response.content.decode()


def test_the_email_is_still_required_and_nothing_is_saved_without_it(client):
    user = translator()
    client.force_login(user)
    url = reverse("wagtailadmin_account")
    data = _posted_form(client.get(url))
    data["name_email-email"] = ""
    data["locale-preferred_language"] = "bg"
    response = client.post(url, data)
    assert response.status_code == 200
    assert UserProfile.get_for_user(user).preferred_language == "en"
