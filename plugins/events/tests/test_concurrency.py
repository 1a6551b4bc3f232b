"""Registrations under concurrency on PostgreSQL: parallel connections, exact capacity."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page

from plugins.events.models import EventPage, Registration
from plugins.events.signup import RegistrationError, cancel, register
from plugins.events.tests.factories import make_user

Status = Registration.Status


def _parent():
    """A parent page that exists even after another transactional test emptied the tables."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    return root


def _in_parallel(function, arguments):
    barrier = threading.Barrier(len(arguments))
    results, errors = [], []

    def run(argument):
        try:
            barrier.wait(timeout=30)
            results.append(function(argument))
        except RegistrationError as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in arguments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_registrations_for_ten_places():
    start = timezone.now() + timedelta(days=7)
    event = EventPage(
        title="Concurrency hearing",
        slug="concurrency-hearing",
        start=start,
        end=start + timedelta(hours=2),
        registration_enabled=True,
        capacity=10,
    )
    _parent().add_child(instance=event)
    users = [make_user(f"parallel{n}") for n in range(30)]

    results, errors = _in_parallel(lambda user: register(event, user), users)
    assert not errors
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=Status.REGISTERED).count() == 10
    assert registrations.filter(status=Status.WAITING).count() == 20

    first_waiting = registrations.filter(status=Status.WAITING).order_by("created_at", "id")[0]
    registered = list(registrations.filter(status=Status.REGISTERED))
    outcome = cancel(registered[0])
    assert outcome.promoted.pk == first_waiting.pk
    assert registrations.filter(status=Status.REGISTERED).count() == 10
    assert registrations.filter(status=Status.WAITING).count() == 19

    # Five cancellations at once move exactly five citizens up.
    _in_parallel(cancel, registered[1:6])
    assert registrations.filter(status=Status.REGISTERED).count() == 10
    assert registrations.filter(status=Status.WAITING).count() == 14
    assert registrations.filter(status=Status.CANCELLED).count() == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_citizen_registering_twice_at_once_gets_one_place():
    start = timezone.now() + timedelta(days=7)
    event = EventPage(
        title="Double click",
        slug="double-click",
        start=start,
        end=start + timedelta(hours=1),
        registration_enabled=True,
        capacity=5,
    )
    _parent().add_child(instance=event)
    citizen = make_user("doubleclick")
    results, errors = _in_parallel(lambda user: register(event, user), [citizen] * 6)
    assert len(results) == 1 and len(errors) == 5
    assert Registration.objects.filter(event=event, user=citizen).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_registrations_for_ten_places_on_one_date():
    """Places are counted per date: a full date leaves the other dates of a weekly event
    free, and cancellations on one date move only that date's waiting list up."""
    start = (timezone.now() + timedelta(days=7)).replace(microsecond=0)
    event = EventPage(
        title="Weekly reception",
        slug="weekly-reception",
        start=start,
        end=start + timedelta(hours=1),
        registration_enabled=True,
        capacity=10,
        repeat="WEEKLY",
        repeat_count=4,
    )
    _parent().add_child(instance=event)
    first_date, second_date = (s for s, _e in event.upcoming_occurrences(limit=2))
    other = make_user("other-date")
    register(event, other, first_date)
    users = [make_user(f"weekly{n}") for n in range(30)]

    results, errors = _in_parallel(lambda user: register(event, user, second_date), users)
    assert not errors
    on_second = Registration.objects.filter(event=event, occurrence_start=second_date)
    assert on_second.filter(status=Status.REGISTERED).count() == 10
    assert on_second.filter(status=Status.WAITING).count() == 20
    on_first = Registration.objects.filter(event=event, occurrence_start=first_date)
    assert list(on_first.values_list("user", "status")) == [(other.pk, Status.REGISTERED)]

    registered = list(on_second.filter(status=Status.REGISTERED))
    _in_parallel(cancel, registered[:5])
    assert on_second.filter(status=Status.REGISTERED).count() == 10
    assert on_second.filter(status=Status.WAITING).count() == 15
    assert on_first.filter(status=Status.REGISTERED).count() == 1
