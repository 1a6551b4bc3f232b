"""Registering for events: places, waiting list, deadline, double registration, emails,
the citizen's data, and the editors' attendee list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from cms.core import userdata
from plugins.events.models import Registration
from plugins.events.signup import RegistrationError, cancel, register
from plugins.events.tests.factories import calendar_for, make_event, make_user

pytestmark = pytest.mark.django_db
Status = Registration.Status
HOST = {"host": "ternopil.localhost"}


def _event(**fields):
    start = timezone.now() + timedelta(days=10)
    defaults = {"registration_enabled": True, "capacity": 2}
    return make_event(calendar_for("uk"), "Слухання з реєстрацією", start, **{**defaults, **fields})


def test_places_then_waiting_list_then_cancellation_moves_one_up():
    event = _event()
    first, second, third, fourth = (make_user(f"citizen{n}") for n in range(4))
    assert register(event, first).registration.status == Status.REGISTERED
    assert register(event, second).registration.status == Status.REGISTERED
    waiting = register(event, third).registration
    assert waiting.status == Status.WAITING
    assert register(event, fourth).registration.status == Status.WAITING
    outcome = cancel(Registration.objects.get(event=event, user=first))
    assert outcome.promoted.pk == waiting.pk
    statuses = dict(
        Registration.objects.filter(event=event).values_list("user__username", "status")
    )
    assert statuses == {
        "citizen0": Status.CANCELLED,
        "citizen1": Status.REGISTERED,
        "citizen2": Status.REGISTERED,
        "citizen3": Status.WAITING,
    }


def test_double_registration_is_refused_with_a_message():
    event = _event()
    citizen = make_user("twice")
    register(event, citizen)
    with pytest.raises(RegistrationError, match="You are already registered for this date."):
        register(event, citizen)
    assert Registration.objects.filter(event=event, user=citizen).count() == 1


def test_registration_after_the_deadline_is_refused_with_a_message():
    event = _event(registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(RegistrationError, match="The registration deadline has passed."):
        register(event, make_user("late"))
    assert not Registration.objects.filter(event=event).exists()


def test_full_event_without_waiting_list_is_refused():
    event = _event(capacity=1, waiting_list=False)
    register(event, make_user("one"))
    with pytest.raises(RegistrationError, match="The event is full."):
        register(event, make_user("two"))


def test_citizen_can_register_again_after_cancelling():
    event = _event()
    citizen = make_user("again")
    cancel(register(event, citizen).registration)
    assert register(event, citizen).registration.status == Status.REGISTERED


def test_registration_page_for_anonymous_redirects_to_login(client):
    event = _event()
    response = client.get(f"/uk/events/{event.pk}/register/", headers=HOST)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_register_and_cancel_through_the_pages_with_confirmation_email(
    client, django_capture_on_commit_callbacks
):
    event = _event()
    citizen = make_user("mariia", "mariia@example.org")
    client.force_login(citizen)
    url = f"/uk/events/{event.pk}/register/"
    page = client.get(url, headers=HOST)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    assert b"csrfmiddlewaretoken" in page.content
    assert "s-maxage" not in page["Cache-Control"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, headers=HOST, follow=True)
    assert Registration.objects.get(event=event, user=citizen).status == Status.REGISTERED
    assert "Cancel" in response.content.decode() or "Скасувати" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["mariia@example.org"]
    assert event.title in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "text/calendar"
    (component,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(component["UID"]) == event.uid
    again = client.post(url, headers=HOST, follow=True).content.decode()
    assert Registration.objects.filter(event=event, user=citizen).count() == 1
    assert "ви вже зареєстровані" in again.lower() or "already registered" in again.lower()
    client.post(f"/uk/events/{event.pk}/cancel/", headers=HOST)
    assert Registration.objects.get(event=event, user=citizen).status == Status.CANCELLED


def test_cancellation_emails_the_citizen_who_moves_up(client, django_capture_on_commit_callbacks):
    event = _event(capacity=1)
    holder, queued = make_user("holder"), make_user("queued", "queued@example.org")
    register(event, holder)
    register(event, queued)
    mail.outbox.clear()
    client.force_login(holder)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/uk/events/{event.pk}/cancel/", headers=HOST)
    assert Registration.objects.get(user=queued).status == Status.REGISTERED
    assert any(message.to == ["queued@example.org"] for message in mail.outbox)


def test_registrations_are_in_my_data_and_removed_with_the_account():
    event = _event(capacity=1)
    leaving, queued = make_user("leaving"), make_user("waiting")
    register(event, leaving)
    register(event, queued)
    exported = userdata.export_user_data(leaving)["events"]
    assert exported[0]["event"] == event.title
    assert exported[0]["status"] == Status.REGISTERED
    userdata.erase_user_data(leaving)
    assert not Registration.objects.filter(user=leaving).exists()
    assert Registration.objects.get(user=queued).status == Status.REGISTERED


def test_editors_see_the_attendee_list_and_download_csv(client, django_user_model):
    event = _event()
    register(event, make_user("=cmd", "formula@example.org"))
    register(event, make_user("olena", "olena@example.org"))
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-long-1")
    client.force_login(editor)
    page = client.get(f"/admin/events/{event.pk}/registrations/")
    assert page.status_code == 200
    assert b"olena@example.org" in page.content
    export = client.get(f"/admin/events/{event.pk}/registrations.csv")
    text = export.content.decode("utf-8-sig")
    assert export["Content-Type"].startswith("text/csv")
    assert "olena@example.org" in text
    assert "'=cmd" in text
    client.force_login(make_user("nobody"))
    assert client.get(f"/admin/events/{event.pk}/registrations.csv").status_code in (302, 403)
