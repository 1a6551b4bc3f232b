"""Editors switch a notice on and off in the admin; who did it and when is listed."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from cms.alerts import notices
from cms.alerts.models import EmergencyNotice

pytestmark = pytest.mark.django_db

MESSAGE = "Аварійне відключення води до 18:00"


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user(
        username="olena", email="olena@example.org", password="pw", first_name="Olena"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the admin in English, whatever the site's language
    profile.save()
    client.force_login(user)
    return user


def _url(name, *args):
    return reverse(EmergencyNotice.snippet_viewset.get_url_name(name), args=args)


def _form(site, active=True, texts=None, severity="warning"):
    texts = texts if texts is not None else [{"language": "uk", "message": MESSAGE}]
    rows = [{"link_url": "", "link_text": "", **text} for text in texts]
    return nested_form_data(
        {
            "site": site.pk,
            "severity": severity,
            "active": "on" if active else "",
            "texts": inline_formset(rows, min=1),
        }
    )


def test_editor_switches_a_notice_on_and_off_and_the_history_says_who_and_when(
    client, editor, get, django_capture_on_commit_callbacks
):
    site = Site.objects.get(site_name="ternopil")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("add"), _form(site))
    assert response.status_code == 302
    notice = EmergencyNotice.objects.get()
    assert notice.switched_by == editor and notice.switched_at is not None
    assert MESSAGE in get("ternopil", "/uk/").content.decode()

    entry = ModelLogEntry.objects.for_instance(notice).get(action="alerts.switch_on")
    assert entry.user == editor and entry.timestamp == notice.switched_at

    with django_capture_on_commit_callbacks(execute=True):
        data = _form(site, active=False)
        data["texts-0-id"] = str(notice.texts.get().pk)
        data["texts-INITIAL_FORMS"] = "1"
        response = client.post(_url("edit", notice.pk), data)
    assert response.status_code == 302
    assert "emergency-notice" not in get("ternopil", "/uk/").content.decode()
    assert (
        ModelLogEntry.objects.for_instance(notice)
        .filter(action="alerts.switch_off", user=editor)
        .exists()
    )

    listing = client.get(_url("list")).content.decode()
    assert MESSAGE in listing and "Olena" in listing
    history = client.get(_url("history", notice.pk)).content.decode()
    assert "Switched on" in history and "Switched off" in history


def test_editing_the_text_only_does_not_change_who_switched_it(client, editor):
    site = Site.objects.get(site_name="ternopil")
    client.post(_url("add"), _form(site))
    notice = EmergencyNotice.objects.get()
    switched_at = notice.switched_at
    data = _form(site, texts=[{"language": "uk", "message": "Відновлено о 17:00"}])
    data["texts-0-id"] = str(notice.texts.get().pk)
    data["texts-INITIAL_FORMS"] = "1"
    assert client.post(_url("edit", notice.pk), data).status_code == 302
    notice.refresh_from_db()
    assert notice.switched_at == switched_at
    assert (
        not ModelLogEntry.objects.for_instance(notice).filter(action="alerts.switch_off").exists()
    )


@pytest.mark.parametrize(
    "texts, error",
    [
        ([{"language": "sk", "message": MESSAGE}], "This site is not published in this language."),
        ([{"language": "uk", "message": ""}], "This field is required."),
        (
            [{"language": "uk", "message": MESSAGE, "link_text": "Графік"}],
            "A link text needs a link.",
        ),
        (
            [{"language": "uk", "message": MESSAGE}, {"language": "uk", "message": "Ще раз"}],
            "Please correct the duplicate values below.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_saves_nothing(client, editor, texts, error):
    site = Site.objects.get(site_name="ternopil")
    response = client.post(_url("add"), _form(site, texts=texts))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EmergencyNotice.objects.exists()


def test_the_admin_form_is_translated(client, editor):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "uk"
    profile.save()
    html = client.get(_url("add")).content.decode()
    assert "Небезпека для життя" in html


def test_one_save_purges_the_site_once_after_commit(
    client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    purged = []
    monkeypatch.setattr(notices, "front_cache_purger", lambda: purged.append)
    site = Site.objects.get(site_name="levski")
    texts = [
        {"language": "bg", "message": "Въздушна тревога"},
        {"language": "en", "message": "Alert"},
    ]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(_url("add"), _form(site, texts=texts))
    assert purged == []
    for callback in callbacks:
        callback()
    assert purged == [site]
