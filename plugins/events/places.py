"""Places taken and left on the dates of an event, and a reader's registrations by date."""

from django.db.models import Count

from .models.registrations import Registration

Status = Registration.Status


def places_taken(event, starts):
    """{occurrence start: places taken} for the given starts, in one query."""
    rows = (
        Registration.objects.filter(
            event=event, status=Status.REGISTERED, occurrence_start__in=list(starts)
        )
        .values("occurrence_start")
        .annotate(taken=Count("id"))
        .order_by()
    )
    return {row["occurrence_start"]: row["taken"] for row in rows}


def places_left(event, taken):
    """The free places of a date where `taken` are taken; None when there is no limit."""
    return None if event.capacity is None else max(event.capacity - taken, 0)


def registrations_by_date(event, user, **filters):
    """{occurrence start: registration} of `user`'s active registrations for `event`."""
    active = Registration.objects.filter(event=event, user=user, **filters)
    return {r.occurrence_start: r for r in active.exclude(status=Status.CANCELLED)}


def date_rows(event, pairs, mine):
    """A row per date (start, end) of `pairs`: the places left and the reader's registration
    from `mine` (see `registrations_by_date`)."""
    starts = [start for start, _end in pairs]
    taken = places_taken(event, starts) if event.capacity is not None else {}
    return [
        {
            "start": start,
            "end": end,
            "value": start.isoformat(),
            "places_left": places_left(event, taken.get(start, 0)),
            "registration": mine.get(start),
        }
        for start, end in pairs
    ]
