"""Editors' views in the Wagtail admin: an event's attendee list and its CSV export, for
all dates or for one date (`?occurrence=` the occurrence's start as an ISO date-time)."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.core.spreadsheets import write_csv

from .models import EventPage, Registration

Status = Registration.Status


def _event_for_editor(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def _occurrence_filter(request, event):
    """The dates that have registrations, and the one chosen (None: all dates)."""
    starts = sorted(
        start.astimezone(event.tz)
        for start in Registration.objects.filter(event=event)
        .values_list("occurrence_start", flat=True)
        .distinct()
    )
    chosen = None
    value = request.GET.get("occurrence", "")
    if value and len(value) <= 40 and "\x00" not in value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and timezone.is_aware(moment) and moment in starts:
            chosen = moment
    return starts, chosen


def _registrations(event, occurrence_start=None):
    registrations = Registration.objects.filter(event=event)
    if occurrence_start is not None:
        registrations = registrations.filter(occurrence_start=occurrence_start)
    return registrations.select_related("user").order_by(
        "status", "occurrence_start", "created_at", "id"
    )


def _local(moment, event):
    return moment.astimezone(event.tz).strftime("%Y-%m-%d %H:%M")


def attendees(request, page_id):
    event = _event_for_editor(request, page_id)
    starts, chosen = _occurrence_filter(request, event)
    registrations = list(_registrations(event, chosen))
    groups = [
        (label, [r for r in registrations if r.status == status])
        for status, label in Status.choices
    ]
    return TemplateResponse(
        request,
        "events/admin/attendees.html",
        {
            "event": event,
            "groups": groups,
            "registered_count": len(groups[0][1]),
            "occurrences": [(start, start.isoformat()) for start in starts],
            "chosen": chosen.isoformat() if chosen else "",
            "csv_query": "?" + urlencode({"occurrence": chosen.isoformat()}) if chosen else "",
            "page_title": _("Registrations: %(event)s") % {"event": event.title},
        },
    )


def attendees_csv(request, page_id):
    event = _event_for_editor(request, page_id)
    _starts, chosen = _occurrence_filter(request, event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"registrations-{slugify(event.slug) or event.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    header = [_("Date"), _("Name"), _("Email"), _("Status"), _("Registered at"), _("Changed at")]
    tz = timezone.get_current_timezone()
    rows = (
        [
            _local(registration.occurrence_start, event),
            registration.user.get_full_name() or registration.user.get_username(),
            registration.user.email,
            registration.get_status_display(),
            registration.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            registration.updated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        ]
        for registration in _registrations(event, chosen)
    )
    write_csv(response, [header, *rows])
    return response
