"""A citizen's event registrations in "download my data", and their removal."""

from .models import Registration


def _export(registration):
    event = registration.event
    return {
        "event": event.title,
        "url": event.full_url or "",
        "starts": event.start.isoformat(),
        "occurrence": registration.occurrence_start.astimezone(event.tz).isoformat(),
        "status": registration.status,
        "registered_at": registration.created_at.isoformat(),
        "changed_at": registration.updated_at.isoformat(),
    }


def export_registrations(user):
    registrations = Registration.objects.filter(user=user).select_related("event")
    return [_export(registration) for registration in registrations]


def erase_registrations(user, remove_content=False):
    """Cancel the citizen's places (moving the waiting list up) and delete the records."""
    from .signup import cancel

    for registration in Registration.objects.filter(user=user).exclude(
        status=Registration.Status.CANCELLED
    ):
        cancel(registration)
    Registration.objects.filter(user=user).delete()
