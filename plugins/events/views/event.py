"""What an event page shows besides its fields: upcoming dates, links, JSON-LD."""

from django.urls import reverse
from django.utils import timezone

from cms.core.extensions import signed_in_reader
from cms.core.visibility import keep_public

from ..models.registrations import Registration
from ..places import date_rows, places_left, registrations_by_date

UPCOMING_DATES_SHOWN = 10


def json_ld(event, request, next_dates):
    """schema.org `Event` data for search engines."""
    url = request.build_absolute_uri(event.get_url(request))
    start, end = next_dates[0] if next_dates else (event.start, event.end)
    if event.all_day:
        start_value = start.astimezone(event.tz).date().isoformat()
        end_value = (end.astimezone(event.tz).date()).isoformat()
    else:
        start_value = start.astimezone(event.tz).isoformat()
        end_value = end.astimezone(event.tz).isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "startDate": start_value,
        "endDate": end_value,
        "eventStatus": "https://schema.org/EventScheduled",
        "inLanguage": event.locale.language_code,
    }
    if event.summary:
        data["description"] = event.summary
    venue = event.public_venue
    locations = []
    if venue:
        place = {"@type": "Place", "name": venue.name}
        if venue.address:
            place["address"] = venue.address
        if venue.has_coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        locations.append(place)
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["eventAttendanceMode"] = (
        "https://schema.org/MixedEventAttendanceMode"
        if venue and event.online_url
        else "https://schema.org/OnlineEventAttendanceMode"
        if event.online_url
        else "https://schema.org/OfflineEventAttendanceMode"
    )
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser}
    return data


def registration_dates(event, request, now):
    """For a repeating event with registration: its next dates that have not started, each
    with the places left and, for a signed-in reader, their own registration."""
    pairs = event.upcoming_occurrences(now, UPCOMING_DATES_SHOWN)
    if not pairs:
        return []
    reader = signed_in_reader(request)
    starts = [start for start, _end in pairs]
    mine = registrations_by_date(event, reader, occurrence_start__in=starts) if reader else {}
    return date_rows(event, pairs, mine)


def event_context(event, request):
    now = timezone.now()
    upcoming = []
    if event.rrule:
        for pair in event.occurrences(now, now + timezone.timedelta(days=366 * 2)):
            upcoming.append(pair)
            if len(upcoming) >= UPCOMING_DATES_SHOWN:
                break
    places = None
    dates = []
    if event.registration_enabled and event.rrule:
        dates = registration_dates(event, request, now)
    elif event.registration_enabled and event.capacity:
        taken = Registration.objects.filter(event=event, status=Registration.Status.REGISTERED)
        places = places_left(event, taken.count())
    language = event.locale.language_code
    return {
        "upcoming_dates": upcoming,
        "is_past": event.last_end is not None and event.last_end < now,
        "event_json_ld": json_ld(event, request, upcoming),
        "related": keep_public(item.page for item in event.related_pages.select_related("page")),
        "registration_open": event.registration_open(now),
        "places_left": places,
        "registration_dates": dates,
        "signed_in": bool(dates) and signed_in_reader(request) is not None,
        "register_url": reverse("events:register", kwargs={"event_id": event.pk})
        if event.registration_enabled
        else "",
        "cancel_url": reverse("events:cancel", kwargs={"event_id": event.pk})
        if event.registration_enabled
        else "",
        "ics_url": event.get_url(request) + event.reverse_subpage("ics_view"),
        "language": language,
    }
