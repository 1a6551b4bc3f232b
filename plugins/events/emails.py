"""Mail to citizens about their registrations for a date, each with that date's .ics."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from cms.core.mail import sender
from cms.core.sites import profile_for_page

from . import ical

SUBJECTS = {
    "registered": "events/emails/registered_subject.txt",
    "waiting": "events/emails/waiting_subject.txt",
    "promoted": "events/emails/promoted_subject.txt",
    "cancelled": "events/emails/cancelled_subject.txt",
}


def send_registration_mail(registration, kind, base_url):
    """Send the citizen the mail of `kind` (registered, waiting, promoted, cancelled) in the
    event's language."""
    user = registration.user
    if not user.email:
        return
    event = registration.event
    language = event.locale.language_code
    start = registration.occurrence_start.astimezone(event.tz)
    occurrence = event.occurrence_at(start) or (start, start + (event.end - event.start))
    with translation.override(language):
        url = event.full_url or base_url
        context = {
            "event": event,
            "registration": registration,
            "occurrence": occurrence,
            "url": url,
            "user": user,
        }
        subject = render_to_string(SUBJECTS[kind], context).strip().replace("\n", " ")
        body = render_to_string(f"events/emails/{kind}.txt", context)
        from_email = sender(profile_for_page(event), language)
        message = EmailMessage(subject, body, from_email, [user.email])
        if kind != "cancelled":
            calendar = ical.new_calendar(event.title, event.time_zone)
            calendar.add_component(ical.event_component(event, url, language, occurrence))
            message.attach("event.ics", ical.finish(calendar, event.start), "text/calendar")
        message.send(fail_silently=True)
