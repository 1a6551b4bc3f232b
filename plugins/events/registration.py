"""Registering for an event and cancelling, safe under concurrency.

The event's row is locked (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite serialises writing
transactions) while places are counted, so exactly `capacity` citizens get a place however
many register at once, and a cancellation moves exactly one citizen up the waiting list.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import EventPage, Registration

Status = Registration.Status


class RegistrationError(Exception):
    """A refused registration; `str()` is the translated message for the citizen."""


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
            "repeat",
        )
        .get(pk=event_id)
    )


def register(event, user, now=None):
    """Give `user` a place at `event`, or one on the waiting list when it is full."""
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
            active = Registration.objects.filter(event_id=event.pk).exclude(status=Status.CANCELLED)
            if active.filter(user=user).exists():
                raise RegistrationError(_("You are already registered for this event."))
            taken = active.filter(status=Status.REGISTERED).count()
            if locked.capacity is None or taken < locked.capacity:
                status = Status.REGISTERED
            elif locked.waiting_list:
                status = Status.WAITING
            else:
                raise RegistrationError(_("The event is full."))
            registration = Registration.objects.create(event_id=event.pk, user=user, status=status)
    except IntegrityError as error:
        raise RegistrationError(_("You are already registered for this event.")) from error
    registration.event = event
    return Outcome(registration)


def cancel(registration):
    """Cancel a registration; if it held a place, the first on the waiting list gets it."""
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
            promoted = promote_next(registration.event_id)
    return Outcome(current, promoted)


def promote_next(event_id):
    """Move the first citizen on the waiting list up, if a place is free (call it locked)."""
    event = EventPage.objects.only("capacity").get(pk=event_id)
    active = Registration.objects.filter(event_id=event_id)
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
