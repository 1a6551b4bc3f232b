"""Registering for an event's dates and cancelling: only for signed-in citizens, never
cached. The date is the `occurrence` parameter (the occurrence's start as an ISO date-time,
or its date in the site's time zone); a one-off event's only date needs none."""

from datetime import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cms.core.visibility import visible_page_or_404

from ..emails import send_registration_mail
from ..models import EventPage, Registration
from ..places import date_rows, registrations_by_date
from ..signup import (
    OccurrenceError,
    RegistrationError,
    cancel,
    day_bounds,
    parse_occurrence,
    register,
    upcoming_occurrence,
    within_horizon,
)
from .event import UPCOMING_DATES_SHOWN

Status = Registration.Status


def _event(request, event_id):
    """The event `event_id` in the URL's language when the visitor may see it (the core's
    visibility rule) and it takes registrations, else 404."""
    event = visible_page_or_404(request, event_id, EventPage, in_language=True)
    if not event.registration_enabled:
        raise Http404
    return event


def _base_url(request):
    return request.build_absolute_uri("/")


def _occurrence_value(request):
    data = request.POST if request.method == "POST" else request.GET
    return data.get("occurrence", "")


def _waiting_position(registration):
    return (
        Registration.objects.filter(
            event_id=registration.event_id,
            occurrence_start=registration.occurrence_start,
            status=Status.WAITING,
            created_at__lte=registration.created_at,
        )
        .exclude(pk__gt=registration.pk, created_at=registration.created_at)
        .count()
    )


def _dates(event, user, now):
    """The rows of the registration page: the next upcoming dates and any other upcoming date
    the citizen holds a registration for, each with places left and their registration."""
    mine = registrations_by_date(event, user, occurrence_start__gt=now)
    pairs = dict(event.upcoming_occurrences(now, UPCOMING_DATES_SHOWN))
    span = event.end - event.start
    for start in mine:
        pairs.setdefault(start, start + span)
    rows = date_rows(event, sorted(pairs.items()), mine)
    for row in rows:
        registration = row["registration"]
        waiting = registration is not None and registration.status == Status.WAITING
        row["waiting_position"] = _waiting_position(registration) if waiting else None
    return rows


def _page(request, event, error="", selected=None, status=200):
    now = timezone.now()
    return render(
        request,
        "events/registration.html",
        {
            "event": event,
            "dates": _dates(event, request.user, now),
            "selected": selected,
            "error": error,
            "registration_open": event.registration_open(now),
        },
        status=status,
    )


def _success_message(kind):
    if kind == Status.REGISTERED:
        return _("You are registered. We have sent you an email.")
    return _(
        "The event is full on this date: you are on the waiting list. "
        "We will email you if a place frees up."
    )


@never_cache
@require_http_methods(["GET", "POST"])
def registration_view(request, event_id):
    event = _event(request, event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    value = _occurrence_value(request)
    try:
        moment = parse_occurrence(event, value) if value or event.rrule else None
        start, _end = upcoming_occurrence(event, moment)
    except OccurrenceError as error:
        if request.method == "POST" or value:
            return _page(request, event, error=str(error), status=400)
        start = None
    if request.method == "GET":
        return _page(request, event, selected=start)
    try:
        outcome = register(event, request.user, start)
    except RegistrationError as error:
        messages.error(request, str(error))
    else:
        registration = outcome.registration
        registration.user = request.user
        kind = registration.status
        transaction.on_commit(
            partial(send_registration_mail, registration, kind, _base_url(request))
        )
        messages.success(request, _success_message(kind))
    return redirect(request.path)


def _registration_at(event, user, moment):
    """The citizen's active registration for the date `moment` names (a datetime or a date)."""
    active = Registration.objects.filter(event=event, user=user).exclude(status=Status.CANCELLED)
    if moment is None:
        return active.order_by("occurrence_start").first()
    if not within_horizon(moment, timezone.now()):
        return None
    if isinstance(moment, datetime):
        return active.filter(occurrence_start=moment).first()
    day_start, day_end = day_bounds(event, moment)
    return active.filter(occurrence_start__gte=day_start, occurrence_start__lt=day_end).first()


@never_cache
@require_http_methods(["POST"])
def cancel_view(request, event_id):
    event = _event(request, event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    value = _occurrence_value(request)
    try:
        moment = parse_occurrence(event, value) if value or event.rrule else None
    except OccurrenceError as error:
        return _page(request, event, error=str(error), status=400)
    current = _registration_at(event, request.user, moment)
    if current is None:
        return _page(request, event, error=_("You have no registration for this date."), status=400)
    if current.occurrence_start <= timezone.now():
        return _page(
            request,
            event,
            error=_("This date has passed: the registration can no longer be cancelled."),
            status=400,
        )
    outcome = cancel(current)
    base_url = _base_url(request)
    cancelled = outcome.registration
    cancelled.event, cancelled.user = event, request.user
    transaction.on_commit(partial(send_registration_mail, cancelled, "cancelled", base_url))
    if outcome.promoted is not None:
        promoted = Registration.objects.select_related("user").get(pk=outcome.promoted.pk)
        promoted.event = event
        transaction.on_commit(partial(send_registration_mail, promoted, "promoted", base_url))
    messages.success(request, _("Your registration is cancelled."))
    return redirect("events:register", event_id=event.pk)
