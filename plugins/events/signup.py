"""Registering for an occurrence of an event and cancelling, safe under concurrency.

A citizen registers for one occurrence (one date) of an event; a one-off event has one.
Places, the waiting list and promotion are counted per occurrence. The event's row is
locked (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite serialises writing transactions)
while places are counted, so exactly `capacity` citizens get a place on a date however many
register at once, and a cancellation moves exactly one citizen of that date up the list.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EventPage, Registration
from .recurrence import HORIZON

Status = Registration.Status
#: Longer values are not dates (an ISO date-time with an offset has 25 characters).
MAX_OCCURRENCE_LENGTH = 40


class RegistrationError(Exception):
    """A refused registration; `str()` is the translated message for the citizen."""


class OccurrenceError(RegistrationError):
    """A date that is not an upcoming occurrence of the event (a bad or tampered value)."""


@dataclass
class Outcome:
    registration: Registration
    promoted: Registration | None = None


def _locked_event(event_id):
    return (
        EventPage.objects.select_for_update(of=("self",))
        .only(
            "id",
            "capacity",
            "registration_enabled",
            "registration_deadline",
            "waiting_list",
            "start",
            "end",
            "all_day",
            "repeat",
            "rrule",
            "excluded_dates",
            "time_zone",
        )
        .get(pk=event_id)
    )


def parse_occurrence(event, value):
    """The moment a citizen's `value` names: an ISO date-time (a naive one is in the event's
    time zone) or an ISO date (the occurrence on that day). OccurrenceError when it is not a
    date; whether it is an occurrence is checked by `upcoming_occurrence`."""
    value = (value or "").strip()
    if not value or len(value) > MAX_OCCURRENCE_LENGTH or "\x00" in value:
        raise OccurrenceError(_("Choose one of the event's dates."))
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value)
    except (ValueError, OverflowError) as error:
        raise OccurrenceError(_("Choose one of the event's dates.")) from error
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=event.tz)
    return moment


def within_horizon(moment, now):
    """Whether `moment` (a datetime, or a date) is within the recurrence horizon of `now`:
    further away, it names no occurrence."""
    if isinstance(moment, datetime):
        return now - HORIZON < moment < now + HORIZON
    return (now - HORIZON).date() < moment < (now + HORIZON).date()


def day_bounds(event, day):
    """The start and end (the next midnight) of `day` in the event's time zone."""
    start = datetime.combine(day, time(0), tzinfo=event.tz)
    return start, start + timedelta(days=1)


def upcoming_occurrence(event, moment, now=None):
    """The (start, end) of the upcoming occurrence of `event` at `moment` (a datetime, or a
    date in the event's time zone), or None for a one-off event's own; OccurrenceError for a
    date that is not an occurrence or has passed."""
    now = now or timezone.now()
    if moment is None:
        if event.rrule:
            raise OccurrenceError(_("Choose one of the event's dates."))
        found = event.occurrences(event.start - timedelta(days=2), event.end + timedelta(days=2))
    elif not within_horizon(moment, now):
        raise OccurrenceError(_("The event does not take place on this date."))
    elif isinstance(moment, datetime):
        found = [pair for pair in [event.occurrence_at(moment)] if pair]
    else:
        found = [
            pair
            for pair in event.occurrences(*day_bounds(event, moment))
            if pair[0].astimezone(event.tz).date() == moment
        ]
    if not found:
        raise OccurrenceError(_("The event does not take place on this date."))
    start, end = found[0]
    if start <= now:
        raise OccurrenceError(_("This date has passed: registration for it is closed."))
    return start, end


def register(event, user, occurrence_start=None, now=None):
    """Give `user` a place at the occurrence of `event` starting at `occurrence_start` (the
    only one of a one-off event when None), or one on its waiting list when it is full."""
    now = now or timezone.now()
    if not event.registration_enabled:
        raise RegistrationError(_("This event does not take registrations."))
    try:
        with transaction.atomic():
            locked = _locked_event(event.pk)
            if not locked.registration_open(now):
                if locked.registration_deadline and now > locked.registration_deadline:
                    raise RegistrationError(_("The registration deadline has passed."))
                raise RegistrationError(_("Registration for this event is closed."))
            start, _end = upcoming_occurrence(locked, occurrence_start, now)
            active = Registration.objects.filter(event_id=event.pk, occurrence_start=start).exclude(
                status=Status.CANCELLED
            )
            if active.filter(user=user).exists():
                raise RegistrationError(_("You are already registered for this date."))
            taken = active.filter(status=Status.REGISTERED).count()
            if locked.capacity is None or taken < locked.capacity:
                status = Status.REGISTERED
            elif locked.waiting_list:
                status = Status.WAITING
            else:
                raise RegistrationError(_("The event is full on this date."))
            registration = Registration.objects.create(
                event_id=event.pk, occurrence_start=start, user=user, status=status
            )
    except IntegrityError as error:
        raise RegistrationError(_("You are already registered for this date.")) from error
    registration.event = event
    return Outcome(registration)


def cancel(registration):
    """Cancel a registration; if it held a place, the first on the waiting list of the same
    date gets it."""
    with transaction.atomic():
        _locked_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return Outcome(current)
        held_place = current.status == Status.REGISTERED
        current.status = Status.CANCELLED
        current.save(update_fields=["status", "updated_at"])
        promoted = None
        if held_place:
            promoted = promote_next(current.event_id, current.occurrence_start)
    return Outcome(current, promoted)


def promote_next(event_id, occurrence_start):
    """Move the first citizen on the waiting list of a date up, if a place is free (call it
    with the event locked)."""
    event = EventPage.objects.only("capacity").get(pk=event_id)
    active = Registration.objects.filter(event_id=event_id, occurrence_start=occurrence_start)
    taken = active.filter(status=Status.REGISTERED).count()
    if event.capacity is not None and taken >= event.capacity:
        return None
    promoted = (
        active.filter(status=Status.WAITING)
        .select_for_update()
        .order_by("created_at", "id")
        .first()
    )
    if promoted is not None:
        promoted.status = Status.REGISTERED
        promoted.save(update_fields=["status", "updated_at"])
    return promoted
