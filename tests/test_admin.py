"""Editors: admin in their language, rich pages, moderation, scheduling, revisions."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Site, Workflow
from wagtail.users.models import UserProfile

from cms.pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "s3cret-Pass!")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.parametrize(
    "language,word",
    [
        ("uk", "Перейти до основного вмісту"),
        ("sk", "Preskočiť na hlavný obsah"),
        ("bg", "Пропуснете към основното съдържание"),
        ("en", "Skip to main content"),
    ],
)
def test_admin_speaks_the_editors_language(client, editor, language, word):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert f'lang="{language}"' in html
    assert word in html


def test_admin_login_is_rate_limited(client, editor, settings):
    settings.ADMIN_LOGIN_ATTEMPTS = 3
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "editor", "password": "s3cret-Pass!"})
    assert response.status_code == 429
    with translation.override("uk"):  # the admin login speaks the site's language
        message = translation.gettext("Too many failed sign-in attempts. Try again in 15 minutes.")
    assert message != "Too many failed sign-in attempts. Try again in 15 minutes."
    assert message in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_password_signs_in(client, editor):
    response = client.post("/admin/login/", {"username": "editor", "password": "s3cret-Pass!"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def _new_page_post(home, **extra):
    data = {
        "title": "Громадські слухання",
        "slug": "hromadski-slukhannia",
        "intro": "Запрошуємо мешканців.",
        "body-count": "2",
        "body-0-type": "heading",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value-text": "Порядок денний",
        "body-0-value-level": "h2",
        "body-1-type": "quote",
        "body-1-deleted": "",
        "body-1-order": "1",
        "body-1-value-text": "Відкрите врядування.",
        "body-1-value-attribution": "",
    }
    data.update(extra)
    return data


def test_editor_creates_a_page_and_submits_it_for_moderation(client, editor):
    home = Site.objects.get(site_name="ternopil").root_page
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("pages", "standardpage", home.pk))
    response = client.post(url, _new_page_post(home, **{"action-submit": "Submit"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="hromadski-slukhannia")
    assert not page.live
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.status == "in_progress"
    body = page.get_latest_revision().as_object().body
    assert body[0].value["text"] == "Порядок денний"


def test_scheduled_page_goes_live_with_the_scheduler(client, get):
    home = Site.objects.get(site_name="levski").root_page
    page = StandardPage(title="Обществено обсъждане", slug="obsazhdane", locale=home.locale)
    home.add_child(instance=page)
    page.go_live_at = timezone.now() + timedelta(minutes=5)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live and get("levski", "/bg/obsazhdane/").status_code == 404
    # Five minutes pass: move the schedule into the past instead of waiting.
    past = timezone.now() - timedelta(seconds=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", verbosity=0)
    page.refresh_from_db()
    assert page.live
    assert get("levski", "/bg/obsazhdane/").status_code == 200


def test_revisions_are_kept(client, editor):
    page = StandardPage.objects.get(slug="accessibility", locale__language_code="sk")
    page.title = "Vyhlásenie o prístupnosti webového sídla"
    page.save_revision(user=editor).publish()
    assert page.revisions.count() >= 2
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert response.status_code == 200


def test_every_sites_language_trees_are_under_the_moderation_workflow():
    workflow = Workflow.objects.get(name="Moderators approval")
    for site in Site.objects.all():
        for home in site.root_page.get_translations(inclusive=True):
            assert home.get_workflow() == workflow, home
