"""Registering for one date of a repeating event: places, waiting list and cancellation per
date; tampered dates; the date in the email, the event page, the attendee list and my data."""

import zoneinfo
from datetime import datetime, timedelta

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
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


def _weekly(**fields):
    """A weekly reception at 18:00 Kyiv time, from next week, five times."""
    day = (timezone.now() + timedelta(days=7)).astimezone(KYIV).date()
    start = datetime(day.year, day.month, day.day, 18, 0, tzinfo=KYIV)
    defaults = {
        "registration_enabled": True,
        "capacity": 1,
        "repeat": "WEEKLY",
        "repeat_count": 5,
    }
    return make_event(calendar_for("uk"), "Прийом громадян", start, **{**defaults, **fields})


def _dates(event, count=2):
    return [start for start, _end in event.upcoming_occurrences(limit=count)]


def _statuses(event, start):
    return dict(
        Registration.objects.filter(event=event, occurrence_start=start).values_list(
            "user__username", "status"
        )
    )


def test_places_waiting_list_and_promotion_are_per_date():
    event = _weekly()
    first_date, second_date = _dates(event)
    anna, bohdan, vira = make_user("anna"), make_user("bohdan"), make_user("vira")
    assert register(event, anna, first_date).registration.status == Status.REGISTERED
    assert register(event, anna, second_date).registration.status == Status.REGISTERED
    assert register(event, bohdan, first_date).registration.status == Status.WAITING
    assert register(event, vira, first_date).registration.status == Status.WAITING
    assert register(event, bohdan, second_date).registration.status == Status.WAITING

    outcome = cancel(Registration.objects.get(user=anna, occurrence_start=first_date))
    assert outcome.promoted.user == bohdan
    assert _statuses(event, first_date) == {
        "anna": Status.CANCELLED,
        "bohdan": Status.REGISTERED,
        "vira": Status.WAITING,
    }
    assert _statuses(event, second_date) == {"anna": Status.REGISTERED, "bohdan": Status.WAITING}


def test_a_repeating_event_needs_a_date_and_refuses_past_or_excluded_ones():
    event = _weekly()
    first_date, second_date = _dates(event)
    event.excluded_dates = second_date.astimezone(KYIV).date().isoformat()
    event.save()
    citizen = make_user("dates")
    with pytest.raises(RegistrationError, match="Choose one of the event's dates."):
        register(event, citizen)
    with pytest.raises(RegistrationError, match="does not take place on this date"):
        register(event, citizen, second_date)
    with pytest.raises(RegistrationError, match="This date has passed"):
        register(event, citizen, first_date, now=first_date + timedelta(minutes=1))
    assert not Registration.objects.filter(event=event).exists()


def test_the_deadline_closes_registration_for_all_dates():
    event = _weekly(registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(RegistrationError, match="The registration deadline has passed."):
        register(event, make_user("late"), _dates(event)[1])


TAMPERED = [
    "yesterday",
    "2026-13-45",
    "2026-12-10T25:00",
    "1" * 5000,
    "9999-12-31T23:59:59+14:00",
    "0001-01-01",
    "0001-01-01T00:00:00+05:00",
    "9999-12-31",
    "2026-12-10\x00T18:00",
    "\x00",
    "2020-01-01T18:00:00+02:00",
]


def _first_date_shifted(event, **delta):
    return (_dates(event)[0] + timedelta(**delta)).isoformat()


@pytest.mark.parametrize("action", ["register", "cancel"])
@pytest.mark.parametrize("value", TAMPERED)
def test_tampered_dates_are_refused_with_a_message_and_change_nothing(client, action, value):
    event = _weekly()
    citizen = make_user("tamper")
    register(event, citizen, _dates(event)[0])
    before = list(Registration.objects.values_list("pk", "status", "occurrence_start"))
    client.force_login(citizen)
    response = client.post(
        f"/uk/events/{event.pk}/{action}/",
        {"occurrence": value},
        headers=HOST,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert list(Registration.objects.values_list("pk", "status", "occurrence_start")) == before


@pytest.mark.parametrize("shift", [{"hours": 1}, {"days": 1}, {"days": -7}, {"days": 7 * 40}])
def test_dates_that_are_not_occurrences_are_refused(client, shift):
    event = _weekly()
    citizen = make_user("shifted")
    client.force_login(citizen)
    response = client.post(
        f"/uk/events/{event.pk}/register/",
        {"occurrence": _first_date_shifted(event, **shift)},
        headers=HOST,
    )
    assert response.status_code == 400
    assert not Registration.objects.filter(event=event).exists()


def test_a_date_in_the_sites_time_zone_names_its_occurrence(client):
    event = _weekly()
    second = _dates(event)[1]
    client.force_login(make_user("bydate"))
    response = client.post(
        f"/uk/events/{event.pk}/register/",
        {"occurrence": second.astimezone(KYIV).date().isoformat()},
        headers=HOST,
    )
    assert response.status_code == 302
    assert Registration.objects.get(event=event).occurrence_start == second


def test_register_for_a_date_on_the_pages_and_get_that_dates_ics(
    client, django_capture_on_commit_callbacks
):
    event = _weekly()
    second = _dates(event)[1]
    citizen = make_user("oksana", "oksana@example.org")
    client.force_login(citizen)
    page = client.get(event.get_url(), headers=HOST)
    html = page.content.decode()
    assert "s-maxage" not in page.get("Cache-Control", "")
    assert html.count('name="occurrence"') == 5
    assert f'value="{second.isoformat()}"' in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/uk/events/{event.pk}/register/", {"occurrence": second.isoformat()}, headers=HOST
        )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, user=citizen)
    assert registration.occurrence_start == second
    (message,) = mail.outbox
    assert second.astimezone(KYIV).strftime("%Y") in message.body
    (_name, content, mimetype) = message.attachments[0]
    assert mimetype == "text/calendar"
    (component,) = Calendar.from_ical(content).walk("VEVENT")
    assert component.decoded("DTSTART") == second
    assert component.decoded("RECURRENCE-ID") == second
    assert str(component["UID"]) == event.uid
    assert "RRULE" not in component

    mine = client.get(event.get_url(), headers=HOST).content.decode()
    assert f'action="/uk/events/{event.pk}/cancel/"' in mine
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/uk/events/{event.pk}/cancel/", {"occurrence": second.isoformat()}, headers=HOST
        )
    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_anonymous_event_page_lists_dates_with_places_and_stays_cacheable(get):
    event = _weekly(capacity=1)
    first_date = _dates(event)[0]
    register(event, make_user("taken"), first_date)
    response = get("ternopil", event.get_url())
    html = response.content.decode()
    assert "s-maxage" in response["Cache-Control"]
    assert not response.cookies
    assert b"csrfmiddlewaretoken" not in response.content
    assert '<table class="event__register-dates">' in html and "<caption id=\"" in html
    assert html.count(f"/uk/events/{event.pk}/register/?occurrence=") == 5


def _count(django_assert_max_num_queries, request):
    with django_assert_max_num_queries(60) as captured:
        response = request()
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_event_page_queries_do_not_grow_with_dates_or_registrations(
    client, get, django_assert_max_num_queries
):
    few = _weekly(repeat_count=2, capacity=3)
    many = _weekly(repeat_count=None, capacity=3)
    citizen = make_user("counting")
    for start in _dates(many, 10):
        register(many, citizen, start)
        register(many, make_user(f"other{start:%m%d}"), start)
    for page in (few, many):
        get("ternopil", page.get_url())  # warm Wagtail's caches
    anonymous = [
        _count(django_assert_max_num_queries, lambda p=p: get("ternopil", p.get_url()))
        for p in (few, many)
    ]
    assert anonymous[0] == anonymous[1]
    client.force_login(citizen)
    signed_in = [
        _count(
            django_assert_max_num_queries,
            lambda p=p: client.get(p.get_url(), headers=HOST),
        )
        for p in (few, many)
    ]
    assert signed_in[0] == signed_in[1]


def test_editors_filter_the_attendee_list_and_csv_by_date(client, django_user_model):
    event = _weekly(capacity=5)
    first_date, second_date = _dates(event)
    register(event, make_user("first", "first@example.org"), first_date)
    register(event, make_user("second", "second@example.org"), second_date)
    editor = django_user_model.objects.create_superuser("ed", "ed@example.org", "pw-long-1")
    client.force_login(editor)
    url = f"/admin/events/{event.pk}/registrations/"
    everything = client.get(url).content.decode()
    assert "first@example.org" in everything and "second@example.org" in everything
    one = client.get(url, {"occurrence": second_date.isoformat()}).content.decode()
    assert "second@example.org" in one and "first@example.org" not in one
    for bad in ["nonsense", "\x00", "2020-01-01T00:00:00+00:00"]:
        assert client.get(url, {"occurrence": bad}).status_code == 200
    csv_text = client.get(
        f"/admin/events/{event.pk}/registrations.csv", {"occurrence": second_date.isoformat()}
    ).content.decode("utf-8-sig")
    assert "second@example.org" in csv_text and "first@example.org" not in csv_text
    assert second_date.astimezone(KYIV).strftime("%Y-%m-%d 18:00") in csv_text


def test_my_data_names_the_date():
    event = _weekly()
    second = _dates(event)[1]
    citizen = make_user("mydata")
    register(event, citizen, second)
    (exported,) = userdata.export_user_data(citizen)["events"]
    assert datetime.fromisoformat(exported["occurrence"]) == second


def test_registrations_of_a_one_off_event_follow_a_new_time():
    start = timezone.now() + timedelta(days=10)
    event = make_event(
        calendar_for("uk"), "Разове слухання", start, registration_enabled=True, capacity=3
    )
    citizen = make_user("moved")
    register(event, citizen)
    event.start, event.end = start + timedelta(days=1), start + timedelta(days=1, hours=2)
    event.save_revision().publish()
    moved = Registration.objects.get(user=citizen)
    assert moved.occurrence_start == start + timedelta(days=1)
    with pytest.raises(RegistrationError, match="already registered"):
        register(event, citizen)
