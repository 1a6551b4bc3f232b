"""A new translation goes live only after an editor approves it; translators cannot publish
or delete."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from cms.translations import po
from cms.translations.roles import TRANSLATORS
from cms.translations.tests.helpers import (
    locale,
    make_user,
    moderator,
    new_page,
    translate_po,
    translator,
)
from cms.translations.workflow import ensure_workflow_covers_trees

pytestmark = pytest.mark.django_db

UK_TITLE = "Громадський бюджет"
UK_INTRO = "Мешканці пропонують проєкти для міста."
EN = {UK_TITLE: "Participatory budget", UK_INTRO: "Residents propose projects for the city."}


def _english(msgid):
    return EN.get(msgid, msgid)


def _draft_translation(user):
    source = new_page("ternopil", "hromadskyi-biudzhet", UK_TITLE, UK_INTRO)
    translation = po.translation_for(source, locale("en"), user)
    translation.import_po(translate_po(translation.export_po(), _english), user=user)
    return source, translation


def _approve(page, user):
    state = page.current_workflow_state
    state.current_task_state.task.specific.on_action(state.current_task_state, user, "approve")


def test_every_page_of_every_language_tree_is_covered_by_a_workflow():
    assert ensure_workflow_covers_trees() == []
    uncovered = [p.url_path for p in Page.objects.filter(depth__gt=1) if p.get_workflow() is None]
    assert uncovered == []


def test_a_new_translation_is_not_live_until_approved(client, get):
    user = translator()
    source, translation = _draft_translation(user)
    target = translation.get_target_instance()
    assert not target.live
    assert get("ternopil", "/en/hromadskyi-biudzhet/").status_code == 404

    client.force_login(user)
    url = reverse("translations:submit_for_moderation", args=[translation.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not target.live
    assert get("ternopil", "/en/hromadskyi-biudzhet/").status_code == 404

    _approve(target, moderator())
    target.refresh_from_db()
    assert target.live and target.title == "Participatory budget"
    response = get("ternopil", "/en/hromadskyi-biudzhet/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Residents propose projects for the city." in html
    assert 'hreflang="uk"' in html and 'hreflang="en"' in html


def test_changing_a_live_translation_waits_for_approval_too(
    client, get, django_capture_on_commit_callbacks
):
    user = translator()
    _, translation = _draft_translation(user)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=moderator(), publish=True)
    changed = translation.export_po()
    for entry in changed:
        if entry.msgctxt != "slug":
            entry.msgstr = "Changed: " + _english(entry.msgid)
    translation.import_po(changed, user=user)

    client.force_login(user)
    client.post(reverse("translations:submit_for_moderation", args=[translation.pk]))
    client.logout()
    page = translation.get_target_instance()
    assert page.live and page.has_unpublished_changes
    html = get("ternopil", "/en/hromadskyi-biudzhet/").content.decode()
    assert "Residents propose projects" in html and "Changed:" not in html

    _approve(page, moderator())
    assert "Changed: Residents" in get("ternopil", "/en/hromadskyi-biudzhet/").content.decode()


def test_translators_cannot_publish_or_delete(client):
    user = translator()
    _, translation = _draft_translation(user)
    draft = translation.get_target_instance()
    perms = draft.permissions_for_user(user)
    assert perms.can_edit() and not perms.can_publish()
    assert not user.has_perm("wagtailcore.change_site")
    assert not user.has_perm("auth.change_user")

    client.force_login(user)
    client.post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert Page.objects.filter(pk=draft.pk).exists()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"}
    )
    assert response.status_code in (302, 403)
    draft.refresh_from_db()
    assert not draft.live
    assert client.get(reverse("wagtailsites:index")).status_code in (302, 403)
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)


def test_translators_cannot_publish_when_syncing(client):
    user = translator()
    source, translation = _draft_translation(user)
    client.force_login(user)
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    response = client.get(url)
    assert response.status_code == 200
    assert "publish_translations" not in response.content.decode()
    client.post(url, {"publish_translations": "on"})
    assert not translation.get_target_instance().live


def test_the_translators_group_can_translate_snippets_and_reach_the_admin():
    user = translator()
    assert user.has_perm("wagtailadmin.access_admin")
    assert user.has_perm("wagtail_localize.submit_translation")
    assert user.has_perm("navigation.change_mainmenu")
    assert not user.has_perm("navigation.delete_mainmenu")


def test_others_keep_their_rights():
    editor = make_user("Moderators")
    assert not editor.groups.filter(name=TRANSLATORS).exists()
