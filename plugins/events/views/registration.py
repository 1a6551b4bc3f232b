"""Registering for an event and cancelling: only for signed-in citizens, never cached."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from ..emails import send_registration_mail
from ..models import EventPage, Registration
from ..registration import RegistrationError, cancel, register

Status = Registration.Status


def _event(request, event_id):
    event = (
        EventPage.objects.live()
        .public()
        .filter(pk=event_id, locale__language_code=translation.get_language())
        .select_related("venue", "category", "locale")
        .first()
    )
    if event is None or not event.registration_enabled:
        raise Http404
    site = Site.find_for_request(request)
    if site is None or event.get_site() != site:
        raise Http404
    return event


def _base_url(request):
    return request.build_absolute_uri("/")


@never_cache
@require_http_methods(["GET", "POST"])
def registration_view(request, event_id):
    event = _event(request, event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    current = (
        Registration.objects.filter(event=event, user=request.user)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if request.method == "POST":
        try:
            outcome = register(event, request.user)
        except RegistrationError as error:
            messages.error(request, str(error))
        else:
            registration = outcome.registration
            registration.user = request.user
            kind = registration.status
            transaction.on_commit(
                partial(send_registration_mail, registration, kind, _base_url(request))
            )
            if kind == Status.REGISTERED:
                messages.success(request, _("You are registered. We have sent you an email."))
            else:
                messages.success(
                    request,
                    _(
                        "The event is full: you are on the waiting list. "
                        "We will email you if a place frees up."
                    ),
                )
        return redirect(request.path)
    position = None
    if current and current.status == Status.WAITING:
        position = (
            Registration.objects.filter(
                event=event, status=Status.WAITING, created_at__lte=current.created_at
            )
            .exclude(pk__gt=current.pk, created_at=current.created_at)
            .count()
        )
    places_taken = Registration.objects.filter(event=event, status=Status.REGISTERED).count()
    return render(
        request,
        "events/registration.html",
        {
            "event": event,
            "registration": current,
            "waiting_position": position,
            "registration_open": event.registration_open(),
            "places_left": None
            if event.capacity is None
            else max(event.capacity - places_taken, 0),
        },
    )


@never_cache
@require_http_methods(["POST"])
def cancel_view(request, event_id):
    event = _event(request, event_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    current = (
        Registration.objects.filter(event=event, user=request.user)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if current is None:
        messages.error(request, _("You have no registration for this event."))
        return redirect("events:register", event_id=event.pk)
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
