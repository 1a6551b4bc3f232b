"""Who may post where, and the limits against abuse."""

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from plugins.comments.models import Comment
from plugins.comments.tests.factories import make_citizen, make_comment, make_page, page_path

pytestmark = pytest.mark.django_db


def new_url(page):
    return f"/uk/comments/{page.pk}/new/"


def test_anonymous_reader_is_sent_to_sign_in(on_site):
    page = make_page()
    response = on_site("post", "ternopil", new_url(page), {"text": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith("/uk/accounts/login/?next=")
    assert not Comment.objects.filter(page=page).exists()


def test_unverified_citizen_cannot_post(client, on_site):
    page = make_page()
    client.force_login(make_citizen(verified=False))
    response = on_site("post", "ternopil", new_url(page), {"text": "Hello"})
    assert response.status_code == 403
    assert "Підтвердьте" in response.content.decode() or "confirm" in response.content.decode()
    assert not Comment.objects.filter(page=page).exists()


def test_verified_citizen_posts_and_is_redirected_with_a_message(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    response = on_site("post", "ternopil", new_url(page), {"text": "Дякую за план дій!"})
    comment = Comment.objects.get(page=page)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    followed = on_site("get", "ternopil", response["Location"].split("#")[0])
    html = followed.content.decode()
    assert "Дякую за план дій!" in html
    assert "message--success" in html


def test_csrf_is_enforced():
    page = make_page()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_citizen())
    response = strict.post(new_url(page), {"text": "Hi"}, headers={"host": "ternopil.localhost"})
    assert response.status_code == 403
    assert not Comment.objects.filter(page=page).exists()


def test_csrf_token_from_the_comment_page_is_accepted():
    page = make_page()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_citizen())
    form_page = strict.get(new_url(page), headers={"host": "ternopil.localhost"})
    token = form_page.context["csrf_token"]
    response = strict.post(
        new_url(page),
        {"text": "With a token", "csrfmiddlewaretoken": str(token)},
        headers={"host": "ternopil.localhost"},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(page=page, text="With a token").exists()


def test_closed_and_hidden_pages_refuse_comments(client, on_site):
    client.force_login(make_citizen())
    closed = make_page(policy="closed")
    hidden = make_page(policy="hidden")
    assert on_site("post", "ternopil", new_url(closed), {"text": "x y"}).status_code == 403
    assert on_site("post", "ternopil", new_url(hidden), {"text": "x y"}).status_code == 404
    assert not Comment.objects.filter(page__in=[closed, hidden]).exists()


def test_page_of_another_site_is_not_found(client, on_site):
    client.force_login(make_citizen())
    page = make_page("levski")
    response = on_site("post", "ternopil", new_url(page), {"text": "Wrong host"})
    assert response.status_code == 404


def test_replies_to_hidden_or_foreign_comments_are_refused(client, on_site):
    page, other = make_page(), make_page()
    author = make_citizen()
    hidden = make_comment(page, author, status=Comment.Status.HIDDEN)
    foreign = make_comment(other, author)
    client.force_login(make_citizen())
    for parent in (hidden, foreign):
        data = {"text": "A reply", "reply_to": parent.pk}
        assert on_site("post", "ternopil", new_url(page), data).status_code == 400
    data = {"text": "A reply", "reply_to": "not-a-number"}
    assert on_site("post", "ternopil", new_url(page), data).status_code == 400
    assert Comment.objects.filter(page=page).count() == 1


def test_replies_nest_three_levels_deep(client, on_site):
    page = make_page()
    author = make_citizen()
    top = make_comment(page, author, "level 1")
    second = make_comment(page, author, "level 2", parent=top)
    third = make_comment(page, author, "level 3", parent=second)
    client.force_login(make_citizen())
    on_site("post", "ternopil", new_url(page), {"text": "deeper", "reply_to": third.pk})
    reply = Comment.objects.get(text="deeper")
    assert reply.depth == 2 and reply.parent == second


def test_cannot_edit_or_delete_another_citizens_comment(client, on_site):
    page = make_page()
    comment = make_comment(page, make_citizen(), "Mine")
    client.force_login(make_citizen())
    edit = on_site("post", "ternopil", f"/uk/comments/{comment.pk}/edit/", {"text": "Hacked"})
    delete = on_site("post", "ternopil", f"/uk/comments/{comment.pk}/delete/")
    assert edit.status_code == 403 and delete.status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Mine" and comment.status == Comment.Status.PUBLISHED


def test_edit_within_the_window_is_marked_edited_and_refused_after_it(client, on_site):
    page = make_page()
    author = make_citizen()
    comment = make_comment(page, author, "First version")
    client.force_login(author)
    url = f"/uk/comments/{comment.pk}/edit/"
    assert on_site("post", "ternopil", url, {"text": "Second version"}).status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Second version" and comment.edited_at
    html = on_site("get", "ternopil", page_path(page)).content.decode()
    assert "(редаговано)" in html or "(edited)" in html
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timezone.timedelta(minutes=16)
    )
    assert on_site("post", "ternopil", url, {"text": "Third version"}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Second version"


def test_author_deletes_own_comment_and_replies_keep_a_placeholder(client, on_site):
    page = make_page()
    author = make_citizen()
    comment = make_comment(page, author, "To be deleted")
    make_comment(page, make_citizen(), "A reply stays", parent=comment)
    client.force_login(author)
    assert on_site("post", "ternopil", f"/uk/comments/{comment.pk}/delete/").status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED and comment.text == ""
    html = Client().get(page_path(page), headers={"host": "ternopil.localhost"}).content.decode()
    assert "To be deleted" not in html and "A reply stays" in html


def test_honeypot_refuses_without_saving(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    data = {"text": "Buy now", "website": "http://spam.example"}
    response = on_site("post", "ternopil", new_url(page), data)
    assert response.status_code == 400
    assert not Comment.objects.filter(page=page).exists()


@override_settings(COMMENTS_PER_MINUTE=2, COMMENTS_PER_MINUTE_PER_ADDRESS=50)
def test_per_account_rate_limit_explains_itself(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    for number in range(2):
        response = on_site("post", "ternopil", new_url(page), {"text": f"Comment {number}"})
        assert response.status_code == 302
    response = on_site("post", "ternopil", new_url(page), {"text": "One too many"})
    assert response.status_code == 429
    assert "хвилину" in response.content.decode() or "minute" in response.content.decode()
    assert Comment.objects.filter(page=page).count() == 2


@override_settings(COMMENTS_PER_MINUTE=50, COMMENTS_PER_MINUTE_PER_ADDRESS=2)
def test_per_address_rate_limit_counts_every_account(on_site):
    page = make_page()
    statuses = []
    for number in range(3):
        citizen_client = Client()
        citizen_client.force_login(make_citizen())
        data = {"text": f"From the same address {number}"}
        response = on_site("post", "ternopil", new_url(page), data, use_client=citizen_client)
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]


@override_settings(COMMENTS_NEW_ACCOUNT_PER_HOUR=1)
def test_new_accounts_are_limited(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    assert on_site("post", "ternopil", new_url(page), {"text": "First"}).status_code == 302
    response = on_site("post", "ternopil", new_url(page), {"text": "Second"})
    assert response.status_code == 429


def test_identical_text_is_rejected_with_a_message(client, on_site):
    page, other = make_page(), make_page()
    client.force_login(make_citizen())
    on_site("post", "ternopil", new_url(page), {"text": "Same words"})
    response = on_site("post", "ternopil", new_url(other), {"text": "Same words"})
    assert response.status_code == 400
    assert "вже" in response.content.decode() or "already" in response.content.decode()
    assert Comment.objects.filter(text="Same words").count() == 1


def test_too_many_links_are_refused(client, on_site):
    page = make_page()
    client.force_login(make_citizen())
    text = " ".join(f"https://example.org/{n}" for n in range(4))
    response = on_site("post", "ternopil", new_url(page), {"text": text})
    assert response.status_code == 400
    assert not Comment.objects.filter(page=page).exists()


def test_blocked_citizen_cannot_post(client, on_site):
    from plugins.comments import services

    page = make_page()
    citizen = make_citizen()
    services.block(citizen, None, "spam")
    client.force_login(citizen)
    assert on_site("post", "ternopil", new_url(page), {"text": "Again"}).status_code == 403


def test_pre_moderation_holds_comments_until_approved(client, on_site):
    from plugins.comments import services

    page = make_page(moderation="pre")
    client.force_login(make_citizen())
    on_site("post", "ternopil", new_url(page), {"text": "Waiting for approval"})
    comment = Comment.objects.get(page=page)
    assert comment.status == Comment.Status.PENDING
    anonymous = Client()
    assert (
        "Waiting for approval"
        not in anonymous.get(
            page_path(page), headers={"host": "ternopil.localhost"}
        ).content.decode()
    )
    services.approve(comment, None)
    assert (
        "Waiting for approval"
        in anonymous.get(page_path(page), headers={"host": "ternopil.localhost"}).content.decode()
    )


def test_site_setting_switches_to_pre_moderation(client, on_site):
    from plugins.comments.models import CommentSettings
    from plugins.comments.tests.factories import site

    settings = CommentSettings.for_site(site())
    settings.moderation = "pre"
    settings.save()
    page = make_page()
    client.force_login(make_citizen())
    on_site("post", "ternopil", new_url(page), {"text": "Site says pre"})
    assert Comment.objects.get(page=page).status == Comment.Status.PENDING
    overriding = make_page(moderation="post")
    on_site("post", "ternopil", new_url(overriding), {"text": "Page says post"})
    assert Comment.objects.get(page=overriding).status == Comment.Status.PUBLISHED


def test_reports_hide_a_comment_after_the_threshold(on_site):
    page = make_page()
    comment = make_comment(page, make_citizen(), "Buy cheap watches")
    for number in range(3):
        reporter = Client()
        reporter.force_login(make_citizen())
        url = f"/uk/comments/{comment.pk}/report/"
        response = on_site("post", "ternopil", url, {"reason": "spam"}, use_client=reporter)
        assert response.status_code == 302
        comment.refresh_from_db()
        expected = Comment.Status.REPORTED if number == 2 else Comment.Status.PUBLISHED
        assert comment.status == expected
    html = Client().get(page_path(page), headers={"host": "ternopil.localhost"}).content.decode()
    assert "Buy cheap watches" not in html
    assert "comment__placeholder" in html


def test_reporting_twice_counts_once(client, on_site):
    page = make_page()
    comment = make_comment(page, make_citizen())
    client.force_login(make_citizen())
    for _ in range(2):
        on_site("post", "ternopil", f"/uk/comments/{comment.pk}/report/", {"reason": "spam"})
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_staff_reply_is_the_official_answer_and_the_author_gets_an_email(
    client, on_site, django_capture_on_commit_callbacks
):
    page = make_page()
    author = make_citizen()
    question = make_comment(page, author, "When will the plan be published?")
    client.force_login(make_citizen(staff=True))
    data = {"text": "In December.", "reply_to": question.pk}
    with django_capture_on_commit_callbacks(execute=True):
        on_site("post", "ternopil", new_url(page), data)
    reply = Comment.objects.get(text="In December.")
    assert reply.is_official
    html = Client().get(page_path(page), headers={"host": "ternopil.localhost"}).content.decode()
    assert "comment--official" in html
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert f"#comment-{reply.pk}" in mail.outbox[0].body


def test_reply_email_can_be_turned_off(client, on_site, django_capture_on_commit_callbacks):
    page = make_page()
    author = make_citizen()
    author.citizen_profile.email_on_reply = False
    author.citizen_profile.save()
    question = make_comment(page, author, "Question")
    client.force_login(make_citizen())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        on_site("post", "ternopil", new_url(page), {"text": "Answer", "reply_to": question.pk})
    assert callbacks
    assert Comment.objects.filter(text="Answer").exists()
    assert mail.outbox == []


def test_english_translation_of_a_demo_page_takes_comments_too(client, on_site):
    from cms.pages.models import StandardPage

    english = StandardPage.objects.get(slug="e-democracy", locale__language_code="en")
    client.force_login(make_citizen())
    path = f"/en/comments/{english.pk}/new/"
    assert on_site("get", "ternopil", path).status_code == 200
    response = on_site("post", "ternopil", path, {"text": "Thanks for the English page."})
    assert response.status_code == 302
    assert "/en/e-democracy/" in response["Location"]
    html = on_site("get", "ternopil", "/en/e-democracy/").content.decode()
    assert "Thanks for the English page." in html
