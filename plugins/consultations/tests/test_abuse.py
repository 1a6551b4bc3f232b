"""Anonymous answers cannot flood a mailbox, and one mailbox counts once."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from plugins.consultations.abuse import TOO_MANY_FOR_ADDRESS, TOO_MANY_FROM_CLIENT, mailbox
from plugins.consultations.models import PendingResponse, Response

from .factories import answers_post, host_of, make_consultation, respond_url

pytestmark = pytest.mark.django_db


def _answer(page, email, client=None, forwarded=None, **answers):
    extra = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return (client or Client()).post(
        respond_url(page),
        answers_post(page, email=email, **answers),
        headers={"host": host_of(page)},
        **extra,
    )


def _confirm_path(message):
    link = re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)
    return link.split("localhost", 1)[1].lstrip(":0123456789")


def _confirm(page, message):
    return Client().post(_confirm_path(message), headers={"host": host_of(page)})


def _responses(page):
    return Response.objects.filter(consultation_key=page.consultation_key).count()


def _in_ukrainian(message):
    with translation.override("en"):
        english = str(message)
    with translation.override("uk"):
        text = translation.gettext(english)
    assert text != english
    return text


def test_answers_in_a_row_with_someone_elses_address_send_a_few_mails(
    django_capture_on_commit_callbacks,
):
    page = make_consultation(respondents="email")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [_answer(page, "victim@example.org").status_code for _ in range(25)]
    assert statuses == [302] * 25
    assert [message.to for message in mail.outbox] == [["victim@example.org"]] * 3
    assert PendingResponse.objects.filter(page=page).count() == 1


def test_answering_again_replaces_the_pending_answers_and_the_first_link_confirms_them(
    django_capture_on_commit_callbacks, settings
):
    settings.CONSULTATIONS_MAILS_PER_ADDRESS = 1
    page = make_consultation(respondents="email")
    long_text = next(q for q in page.question_list if q.kind == "long_text").field_name
    with django_capture_on_commit_callbacks(execute=True):
        _answer(page, "reader@example.org", **{long_text: "First thoughts."})
        again = _answer(page, "Reader+later@example.org", **{long_text: "Second thoughts."})
    assert len(mail.outbox) == 1
    assert again.status_code == 302 and again["Location"].endswith("?mail=earlier")
    notice = Client().get(again["Location"], headers={"host": host_of(page)})
    assert (
        _in_ukrainian(
            "Your answers are saved. We sent a confirmation link to this address a short while "
            "ago: that link now confirms these newest answers. Look for it in your inbox (and in "
            "the spam folder)."
        )
        in notice.content.decode()
    )
    assert PendingResponse.objects.get(page=page).email == "Reader+later@example.org"
    shown = Client().get(_confirm_path(mail.outbox[0]), headers={"host": host_of(page)})
    assert "Second thoughts." in shown.content.decode()
    assert "First thoughts." not in shown.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert _confirm(page, mail.outbox[0]).status_code == 302
    response = Response.objects.get(consultation_key=page.consultation_key)
    assert [answer.text for answer in response.answers.exclude(text="")] == ["Second thoughts."]


@pytest.mark.parametrize(
    "spellings",
    [
        ["x@example.org", "x+1@example.org", "x+2@example.org", "X@Example.ORG"],
        ["x.y@gmail.com", "xy@gmail.com", "X.Y+news@googlemail.com"],
    ],
)
def test_spellings_of_one_mailbox_count_as_one_respondent(
    spellings, django_capture_on_commit_callbacks, settings
):
    settings.CONSULTATIONS_MAILS_PER_ADDRESS = 10
    page = make_consultation(respondents="email")
    for spelling in spellings:
        with django_capture_on_commit_callbacks(execute=True):
            assert _answer(page, spelling).status_code == 302
        assert PendingResponse.objects.filter(page=page).count() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert _confirm(page, mail.outbox[-1]).status_code == 302
        assert _responses(page) == 1


def test_dots_count_only_where_the_provider_ignores_them():
    assert mailbox("First.Last+x@Gmail.com") == mailbox("firstlast@googlemail.com")
    assert mailbox("first.last@example.org") != mailbox("firstlast@example.org")
    assert mailbox("first.last@example.org") == "first.last@example.org"


def test_a_new_answer_is_refused_when_the_mailbox_has_had_its_mails(
    django_capture_on_commit_callbacks, settings
):
    """Across consultations, one mailbox gets at most the limit's mails an hour; a refused
    answer is not stored and the form keeps what was typed."""
    settings.CONSULTATIONS_MAILS_PER_ADDRESS = 1
    first, second = make_consultation(respondents="email"), make_consultation(respondents="email")
    with django_capture_on_commit_callbacks(execute=True):
        assert _answer(first, "victim@example.org").status_code == 302
        refused = _answer(second, "victim+2@example.org")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert _in_ukrainian(TOO_MANY_FOR_ADDRESS) in html
    assert "Add more services online." in html
    assert len(mail.outbox) == 1
    assert not PendingResponse.objects.filter(page=second).exists()


def test_clients_behind_the_proxy_are_limited_separately(
    django_capture_on_commit_callbacks, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONSULTATIONS_MAILS_PER_CLIENT = 2
    page = make_consultation(respondents="email")
    with django_capture_on_commit_callbacks(execute=True):
        sent = [_answer(page, f"n{i}@example.org", forwarded="198.51.100.1") for i in range(2)]
        refused = _answer(page, "n3@example.org", forwarded="198.51.100.1")
        other = _answer(page, "n4@example.org", forwarded="10.0.0.8, 198.51.100.2")
    assert [response.status_code for response in sent] == [302, 302]
    assert refused.status_code == 429
    assert _in_ukrainian(TOO_MANY_FROM_CLIENT) in refused.content.decode()
    assert other.status_code == 302
    assert sorted(PendingResponse.objects.filter(page=page).values_list("email", flat=True)) == [
        "n0@example.org",
        "n1@example.org",
        "n4@example.org",
    ]
    assert len(mail.outbox) == 3


def test_a_forged_header_without_a_trusted_proxy_changes_nothing(
    django_capture_on_commit_callbacks, settings
):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.CONSULTATIONS_MAILS_PER_CLIENT = 2
    page = make_consultation(respondents="email")
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            _answer(page, f"n{i}@example.org", forwarded=f"198.51.100.{i}").status_code
            for i in range(3)
        ]
    assert statuses == [302, 302, 429]
    assert len(mail.outbox) == 2
