"""A citizen's event registrations in "download my data", and their removal."""

from .models import Registration


def export_registrations(user):
    return [
        {
            "event": registration.event.title,
            "url": registration.event.full_url or "",
            "starts": registration.event.start.isoformat(),
            "status": registration.status,
            "registered_at": registration.created_at.isoformat(),
            "changed_at": registration.updated_at.isoformat(),
        }
        for registration in Registration.objects.filter(user=user).select_related("event")
    ]


def erase_registrations(user, remove_content=False):
    """Cancel the citizen's places (moving the waiting list up) and delete the records."""
    from .registration import cancel

    for registration in Registration.objects.filter(user=user).exclude(
        status=Registration.Status.CANCELLED
    ):
        cancel(registration)
    Registration.objects.filter(user=user).delete()
