"""The moderation queue in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from plugins.comments.models import BlockedCitizen, Comment, ModerationAction
from plugins.comments.tests.factories import make_citizen, make_comment, make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client():
    user = get_user_model().objects.create_superuser("moderator", "mod@example.org", "pw-12345!")
    client = Client()
    client.force_login(user)
    return client


def test_queue_lists_comments_waiting_for_review(moderator_client):
    page = make_page(moderation="pre")
    make_comment(page, make_citizen(), "Please review me", status=Comment.Status.PENDING)
    published = make_comment(page, make_citizen(), "Answer me publicly")
    response = moderator_client.get("/admin/comments/")
    assert response.status_code == 200
    assert "Please review me" in response.content.decode()
    everything = moderator_client.get("/admin/comments/?show=all").content.decode()
    assert f"/uk/comments/{page.pk}/new/?reply_to={published.pk}" in everything


def test_hide_with_reason_and_block_are_logged(moderator_client):
    page = make_page()
    citizen = make_citizen()
    comment = make_comment(page, citizen, "Spam spam")
    url = f"/admin/comments/{comment.pk}/act/"
    moderator_client.post(url, {"action": "hide", "reason": "spam"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN and comment.hidden_reason == "spam"
    moderator_client.post(url, {"action": "block", "reason": "spam"})
    assert BlockedCitizen.objects.filter(user=citizen).exists()
    actions = list(
        ModerationAction.objects.filter(comment=comment).values_list("action", flat=True)
    )
    assert sorted(actions) == ["block", "hide"]
    assert ModerationAction.objects.filter(moderator__username="moderator").count() == 2


def test_approve_publishes_a_pending_comment(moderator_client):
    page = make_page(moderation="pre")
    comment = make_comment(page, make_citizen(), "Pending", status=Comment.Status.PENDING)
    moderator_client.post(f"/admin/comments/{comment.pk}/act/", {"action": "approve"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_hide_without_reason_changes_nothing(moderator_client):
    comment = make_comment(make_page(), make_citizen(), "Keep")
    moderator_client.post(f"/admin/comments/{comment.pk}/act/", {"action": "hide", "reason": ""})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert not ModerationAction.objects.exists()


def test_citizens_never_reach_the_admin():
    client = Client()
    client.force_login(make_citizen())
    for path in ("/admin/", "/admin/comments/"):
        response = client.get(path)
        assert response.status_code in (302, 403)
        assert "/admin/login/" in response.get("Location", "/admin/login/")


def test_wagtail_moderators_group_may_moderate_comments():
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user("mod2", "mod2@example.org", "pw")
    user.groups.add(Group.objects.get(name="Moderators"))
    client = Client()
    client.force_login(user)
    assert client.get("/admin/comments/").status_code == 200
