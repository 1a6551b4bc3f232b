import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from plugins.consultations import services
from plugins.consultations.models import Answer, PendingResponse, Response
from plugins.consultations.services import save_response

from .factories import answers_post, host_of, make_citizen, make_consultation, respond_url

pytestmark = pytest.mark.django_db


def _counts(page):
    return (
        Response.objects.filter(consultation_key=page.translation_key).count(),
        Answer.objects.filter(consultation_key=page.translation_key).count(),
    )


def _post(client, page, data, url=None):
    return client.post(url or respond_url(page), data, headers={"host": host_of(page)})


def test_anonymous_consultation_page_is_cacheable_and_links_to_the_form(client):
    page = make_consultation()
    response = client.get(page.url, headers={"host": host_of(page)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "s-maxage" in response["Cache-Control"]
    assert respond_url(page) in html


def test_form_needs_a_signed_in_citizen(client):
    page = make_consultation()
    response = client.get(respond_url(page), headers={"host": host_of(page)})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = _post(client, page, answers_post(page))
    assert response.status_code == 403
    assert _counts(page) == (0, 0)


def test_citizen_answers_gets_a_receipt_and_can_change_until_closing(
    client, django_capture_on_commit_callbacks
):
    page = make_consultation()
    citizen = make_citizen()
    client.force_login(citizen)
    form = client.get(respond_url(page), headers={"host": host_of(page)})
    assert form.status_code == 200
    assert "no-cache" in form["Cache-Control"] or "max-age=0" in form["Cache-Control"]
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, page, answers_post(page))
    assert response.status_code == 302
    stored = Response.objects.get(consultation_key=page.translation_key)
    receipt = client.get(response["Location"], headers={"host": host_of(page)})
    assert stored.reference in receipt.content.decode()
    assert "Add more services online." in receipt.content.decode()
    assert len(mail.outbox) == 1
    assert stored.reference in mail.outbox[0].body
    assert mail.outbox[0].to == [citizen.email]

    changed = answers_post(page)
    scale = next(q for q in page.question_list if q.kind == "scale")
    changed[scale.field_name] = "2"
    response = _post(client, page, changed)
    assert response.status_code == 302
    assert Response.objects.filter(consultation_key=page.translation_key).count() == 1
    assert Answer.objects.get(response=stored, question_key=scale.key).choice_key == "2"
    again = client.get(respond_url(page), headers={"host": host_of(page)}).content.decode()
    assert stored.reference in again
    assert re.search(r'value="2" id="[^"]+" checked', again)


def test_answers_in_two_languages_count_as_one_consultation(client):
    page = make_consultation(translate=True)
    first, second = make_citizen(), make_citizen()
    client.force_login(first)
    assert _post(client, page, answers_post(page)).status_code == 302
    client.force_login(second)
    english = page.english
    assert _post(client, english, answers_post(english)).status_code == 302
    responses = Response.objects.filter(consultation_key=page.translation_key)
    assert sorted(responses.values_list("language", flat=True)) == ["en", "uk"]
    single = page.question_list[0]
    assert (
        Answer.objects.filter(question_key=single.key, choice_key=single.choices[0].key).count()
        == 2
    )


def test_form_in_another_language_redirects_to_that_translation(client):
    page = make_consultation(translate=True)
    client.force_login(make_citizen())
    response = client.get(f"/en/consultations/{page.pk}/respond/", headers={"host": host_of(page)})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/en/consultations/{page.english.pk}/respond/")


def _tampered(page, case):
    questions = {question.kind: question for question in page.question_list}
    single, multiple = questions["single_choice"], questions["multiple_choice"]
    text = questions["long_text"]
    return {
        "unknown question": answers_post(page, **{"q-00000000-dead-beef": "x"}),
        "choice of another question": answers_post(
            page, **{single.field_name: multiple.choices[0].key}
        ),
        "choice of another question (multiple)": answers_post(
            page, **{multiple.field_name: [single.choices[0].key]}
        ),
        "missing required answer": {
            key: value for key, value in answers_post(page).items() if key != single.field_name
        },
        "over-long text": answers_post(page, **{text.field_name: "x" * 5001}),
        "scale out of range": answers_post(page, **{questions["scale"].field_name: "7"}),
    }[case]


@pytest.mark.parametrize(
    "case",
    [
        "unknown question",
        "choice of another question",
        "choice of another question (multiple)",
        "missing required answer",
        "over-long text",
        "scale out of range",
    ],
)
def test_tampered_posts_are_refused_and_change_nothing(client, case):
    page = make_consultation()
    citizen = make_citizen()
    client.force_login(citizen)
    save_response(
        page, [(page.question_list[0].key, page.question_list[0].choices[2].key, "")], user=citizen
    )
    before = list(
        Answer.objects.filter(consultation_key=page.translation_key).values_list(
            "question_key", "choice_key", "text"
        )
    )
    response = _post(client, page, _tampered(page, case))
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    after = list(
        Answer.objects.filter(consultation_key=page.translation_key).values_list(
            "question_key", "choice_key", "text"
        )
    )
    assert after == before
    assert Response.objects.filter(consultation_key=page.translation_key).count() == 1


def test_errors_keep_what_was_typed(client):
    page = make_consultation()
    client.force_login(make_citizen())
    single = page.question_list[0]
    data = answers_post(page, **{page.question_list[4].field_name: "My <b>careful</b> proposal"})
    del data[single.field_name]
    response = _post(client, page, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "My &lt;b&gt;careful&lt;/b&gt; proposal" in html
    assert f'href="#id_{single.field_name}_0"' in html


def test_post_after_closing_is_refused_with_the_closing_time(client):
    page = make_consultation(state="closed")
    client.force_login(make_citizen())
    response = _post(client, page, answers_post(page))
    assert response.status_code == 403
    html = response.content.decode()
    assert page.closes_at.astimezone(page.closes_at.tzinfo).strftime("%Y") in html
    assert "closed" in html.lower() or "закрит" in html.lower() or "заверш" in html.lower()
    assert _counts(page) == (0, 0)


def _assert_says_closed(response, page):
    """The page's main part says the consultation is closed (with its closing year) and
    offers no form to answer."""
    main = response.content.decode().split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert 'class="message message--error"' in main
    assert str(timezone.localtime(page.closes_at).year) in main
    assert "<form" not in main


def test_a_closed_consultation_shows_why_to_reading_and_refuses_sending(client):
    page = make_consultation(state="closed")
    client.force_login(make_citizen())
    host = {"host": host_of(page)}
    read = client.get(respond_url(page), headers=host)
    sent = _post(client, page, answers_post(page))
    assert (read.status_code, sent.status_code) == (200, 403)
    for response in (read, sent):
        _assert_says_closed(response, page)
    assert _counts(page) == (0, 0)


def test_a_confirmation_link_opened_after_closing_shows_why_and_stores_nothing(
    client, django_capture_on_commit_callbacks
):
    page = make_consultation(respondents="email")
    host = {"host": host_of(page)}
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, answers_post(page, email="late@example.org"))
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("localhost", 1)[1].lstrip(":0123456789")
    type(page).objects.filter(pk=page.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    page.refresh_from_db()
    read = client.get(path, headers=host)
    sent = client.post(path, headers=host)
    assert (read.status_code, sent.status_code) == (200, 403)
    for response in (read, sent):
        _assert_says_closed(response, page)
    assert _counts(page) == (0, 0)
    assert PendingResponse.objects.filter(page=page).count() == 1


def test_post_before_opening_is_refused(client):
    page = make_consultation(state="upcoming")
    client.force_login(make_citizen())
    assert _post(client, page, answers_post(page)).status_code == 403
    assert _counts(page) == (0, 0)


def test_post_for_an_unpublished_consultation_is_404(client):
    page = make_consultation(live=False)
    client.force_login(make_citizen())
    assert _post(client, page, answers_post(page)).status_code == 404
    assert _counts(page) == (0, 0)


def test_malformed_ids_are_404(client):
    client.force_login(make_citizen())
    for path in ("/uk/consultations/99999999/respond/", "/uk/consultations/receipt/forged/"):
        assert client.get(path, headers={"host": "ternopil.localhost"}).status_code == 404


def test_anyone_with_a_confirmed_email_counts_once(client, django_capture_on_commit_callbacks):
    page = make_consultation(respondents="email")
    host = {"host": host_of(page)}
    assert client.get(respond_url(page), headers=host).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, page, answers_post(page, email="Reader@Example.org"))
    assert response.status_code == 302
    assert _counts(page)[0] == 0
    assert PendingResponse.objects.filter(page=page).count() == 1
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("localhost", 1)[1].lstrip(":0123456789")
    assert client.get(path, headers=host).status_code == 200
    assert _counts(page)[0] == 0
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path, headers=host)
    assert confirmed.status_code == 302
    assert _counts(page)[0] == 1
    assert "C-" in mail.outbox[-1].body
    assert client.post(path, headers=host).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, answers_post(page, email="reader@example.org"))
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    client.post(link.split("localhost", 1)[1].lstrip(":0123456789"), headers=host)
    assert _counts(page)[0] == 1


def test_email_form_refuses_a_bad_address(client):
    page = make_consultation(respondents="email")
    response = _post(client, page, answers_post(page, email="not-an-address"))
    assert response.status_code == 400
    assert PendingResponse.objects.filter(page=page).count() == 0


def test_expired_unconfirmed_answers_are_erased(client, django_capture_on_commit_callbacks):
    page = make_consultation(respondents="email")
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, answers_post(page, email="first@example.org"))
    old = PendingResponse.objects.get(page=page, email="first@example.org")
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    PendingResponse.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=services.PENDING_DAYS, minutes=1)
    )
    host = {"host": host_of(page)}
    assert (
        client.post(link.split("localhost", 1)[1].lstrip(":0123456789"), headers=host).status_code
        == 404
    )
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, page, answers_post(page, email="second@example.org"))
    assert list(PendingResponse.objects.filter(page=page).values_list("email", flat=True)) == [
        "second@example.org"
    ]
    assert _counts(page)[0] == 0
