"""Moderation without side doors: an approved comment edited under pre-moderation goes back
to the queue, blocked citizens neither edit nor report, and moderators act on the sites
their group moderates only."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from plugins.comments import rights, services
from plugins.comments.models import BlockedCitizen, Comment, CommentReport, ModerationAction
from plugins.comments.tests.factories import make_citizen, make_comment, make_page, page_path, site

pytestmark = pytest.mark.django_db

BACK_IN_QUEUE = "Your comment has been changed. It will appear once a moderator approves it."
BLOCKED = "Your account may no longer comment, edit or report comments on this site (%(reason)s)."


def _blocked_message(reason):
    from plugins.comments.models import Reason

    with translation.override("uk"):
        message = gettext(BLOCKED) % {"reason": Reason(reason).label}
    assert not message.startswith("Your account")
    return message


def _refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def _public(on_site, slug, page):
    return on_site("get", slug, page_path(page), use_client=Client()).content.decode()


def _staff_client(*groups):
    user = get_user_model().objects.create_user(
        username=f"staff-{Group.objects.count()}-{get_user_model().objects.count()}",
        password="pw-12345!",
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    client = Client()
    client.force_login(user)
    return user, client


def test_an_approved_comment_edited_under_pre_moderation_waits_for_approval_again(client, on_site):
    page = make_page(moderation="pre")
    author = make_citizen()
    client.force_login(author)
    on_site("post", "ternopil", f"/uk/comments/{page.pk}/new/", {"text": "A fair question"})
    comment = Comment.objects.get(page=page)
    assert comment.status == Comment.Status.PENDING
    services.approve(comment, None)
    assert "A fair question" in _public(on_site, "ternopil", page)

    url = f"/uk/comments/{comment.pk}/edit/"
    response = on_site("post", "ternopil", url, {"text": "Buy cheap watches now"}, follow=True)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.text == "Buy cheap watches now"
    with translation.override("uk"):
        message = gettext(BACK_IN_QUEUE)
    assert message != BACK_IN_QUEUE
    assert message in response.content.decode()
    public = _public(on_site, "ternopil", page)
    assert "Buy cheap watches now" not in public and "A fair question" not in public

    _moderator, moderator = _staff_client("Ternopil moderators")
    assert "Buy cheap watches now" in moderator.get("/admin/comments/").content.decode()
    moderator.post(f"/admin/comments/{comment.pk}/act/", {"action": "approve"})
    assert "Buy cheap watches now" in _public(on_site, "ternopil", page)


def test_an_edit_under_post_moderation_stays_public(client, on_site):
    page = make_page(moderation="post")
    author = make_citizen()
    comment = make_comment(page, author, "First words")
    client.force_login(author)
    on_site("post", "ternopil", f"/uk/comments/{comment.pk}/edit/", {"text": "Better words"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED and comment.edited_at
    assert "Better words" in _public(on_site, "ternopil", page)


def test_a_blocked_citizen_can_neither_edit_nor_report(client, on_site):
    page = make_page()
    citizen = make_citizen()
    own = make_comment(page, citizen, "My old words")
    other = make_comment(page, make_citizen(), "Somebody else's words")
    services.block(citizen, None, "spam", comment=own)
    client.force_login(citizen)

    for method in ("get", "post"):
        response = on_site(method, "ternopil", f"/uk/comments/{own.pk}/edit/", {"text": "Spam"})
        assert response.status_code == 403
        assert _blocked_message("spam") in response.content.decode()
    own.refresh_from_db()
    assert own.text == "My old words" and own.edited_at is None

    url = f"/uk/comments/{other.pk}/report/"
    response = on_site("post", "ternopil", url, {"reason": "spam"})
    assert response.status_code == 403
    assert _blocked_message("spam") in response.content.decode()
    assert not CommentReport.objects.filter(comment=other).exists()
    other.refresh_from_db()
    assert other.report_count == 0


def test_a_block_on_one_site_leaves_the_citizen_free_on_another(client, on_site):
    ternopil_page, levski_page = make_page("ternopil"), make_page("levski")
    citizen = make_citizen()
    services.block(citizen, None, "offensive", site=site("ternopil"))
    client.force_login(citizen)
    refused = on_site("post", "ternopil", f"/uk/comments/{ternopil_page.pk}/new/", {"text": "Hi"})
    assert refused.status_code == 403
    posted = on_site("post", "levski", f"/bg/comments/{levski_page.pk}/new/", {"text": "Здравей"})
    assert posted.status_code == 302
    assert Comment.objects.filter(page=levski_page, author=citizen).exists()


def test_a_moderator_of_one_municipality_cannot_see_or_act_on_another():
    ternopil = make_comment(make_page("ternopil"), make_citizen(), "Ternopil spam")
    levski_author = make_citizen()
    levski = make_comment(make_page("levski"), levski_author, "Levski question")
    _user, moderator = _staff_client("Ternopil moderators")

    queue = moderator.get("/admin/comments/?show=all")
    assert queue.status_code == 200
    html = queue.content.decode()
    assert "Ternopil spam" in html and "Levski question" not in html
    assert "levski" not in moderator.get("/admin/comments/?show=all").context["sites"].values_list(
        "site_name", flat=True
    )
    assert (
        "Levski question"
        not in moderator.get(f"/admin/comments/?show=all&site={levski.site_id}").content.decode()
    )

    for action in ("hide", "approve", "block", "block_everywhere", "unblock"):
        response = moderator.post(
            f"/admin/comments/{levski.pk}/act/", {"action": action, "reason": "spam"}
        )
        assert _refused(response), action
    levski.refresh_from_db()
    assert levski.status == Comment.Status.PUBLISHED
    assert not BlockedCitizen.objects.filter(user=levski_author).exists()
    assert not ModerationAction.objects.filter(comment=levski).exists()
    services.hide(make_comment(levski.page, levski_author, "Levski hidden words"), None, "spam")
    assert "Levski hidden words" not in moderator.get("/admin/comments/log/").content.decode()

    moderator.post(f"/admin/comments/{ternopil.pk}/act/", {"action": "hide", "reason": "spam"})
    ternopil.refresh_from_db()
    assert ternopil.status == Comment.Status.HIDDEN


def test_a_moderators_block_covers_their_site_and_only_a_superuser_blocks_everywhere():
    comment = make_comment(make_page("ternopil"), make_citizen(), "Rude words")
    citizen = comment.author
    _user, moderator = _staff_client("Ternopil moderators")
    url = f"/admin/comments/{comment.pk}/act/"

    assert _refused(moderator.post(url, {"action": "block_everywhere", "reason": "offensive"}))
    assert not BlockedCitizen.objects.filter(user=citizen).exists()

    moderator.post(url, {"action": "block", "reason": "offensive"})
    assert list(BlockedCitizen.objects.filter(user=citizen).values_list("site", flat=True)) == [
        site("ternopil").pk
    ]
    assert services.block_of(citizen, site("levski")) is None

    admin = get_user_model().objects.create_superuser("root-mod", "root@example.org", "pw-1!")
    superuser = Client()
    superuser.force_login(admin)
    superuser.post(url, {"action": "block_everywhere", "reason": "offensive"})
    assert services.block_of(citizen, site("levski")) is not None

    moderator.post(url, {"action": "unblock"})
    assert services.block_of(citizen, site("ternopil")) is not None  # the global block stays


def test_a_global_grant_of_the_permission_moderates_nothing():
    group = Group.objects.create(name="Old-style moderators")
    group.permissions.add(rights.moderation_permission())
    user, client = _staff_client()
    user.groups.add(group)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    comment = make_comment(make_page(), make_citizen(), "Untouched")
    assert _refused(client.get("/admin/comments/"))
    assert _refused(
        client.post(f"/admin/comments/{comment.pk}/act/", {"action": "hide", "reason": "spam"})
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


class _HiddenInputs(HTMLParser):
    """The hidden inputs of a page (the group form's formset management fields)."""

    def __init__(self):
        super().__init__()
        self.data = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden" and attrs.get("name"):
            self.data[attrs["name"]] = attrs.get("value") or ""


def test_the_group_editor_grants_moderation_per_site():
    admin = get_user_model().objects.create_superuser("group-admin", "ga@example.org", "pw-1!")
    client = Client()
    client.force_login(admin)
    add_url = reverse("wagtailusers_groups:add")
    form_html = client.get(add_url).content.decode()
    assert 'name="comments_moderation_sites-sites"' in form_html
    fields = _HiddenInputs()
    fields.feed(form_html)
    response = client.post(
        add_url,
        {
            **fields.data,
            "name": "Levski night shift",
            "comments_moderation_sites-sites": [site("levski").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = Group.objects.get(name="Levski night shift")
    user, _client = _staff_client()
    user.groups.add(group)
    assert rights.can_moderate(user, site("levski"))
    assert not rights.can_moderate(user, site("ternopil"))

    edit_url = reverse("wagtailusers_groups:edit", args=[group.pk])
    fields = _HiddenInputs()
    fields.feed(client.get(edit_url).content.decode())
    client.post(edit_url, {**fields.data, "name": group.name})
    assert not rights.can_moderate(user, site("levski"))
