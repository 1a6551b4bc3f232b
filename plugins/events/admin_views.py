"""Editors' views in the Wagtail admin: an event's attendee list and its CSV export."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import EventPage, Registration

Status = Registration.Status


def _event_for_editor(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def _registrations(event):
    return (
        Registration.objects.filter(event=event)
        .select_related("user")
        .order_by("status", "created_at", "id")
    )


def attendees(request, page_id):
    event = _event_for_editor(request, page_id)
    registrations = list(_registrations(event))
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
            "page_title": _("Registrations: %(event)s") % {"event": event.title},
        },
    )


def _cell(value):
    """Text for a CSV cell that a spreadsheet will not run as a formula."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def attendees_csv(request, page_id):
    event = _event_for_editor(request, page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"registrations-{slugify(event.slug) or event.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Email"), _("Status"), _("Registered at"), _("Changed at")])
    tz = timezone.get_current_timezone()
    for registration in _registrations(event):
        user = registration.user
        writer.writerow(
            [
                _cell(user.get_full_name() or user.get_username()),
                _cell(user.email),
                registration.get_status_display(),
                registration.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                registration.updated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response
