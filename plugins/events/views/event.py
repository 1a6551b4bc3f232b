"""What an event page shows besides its fields: upcoming dates, links, JSON-LD."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ..models import Registration

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
    venue = event.venue if event.venue and event.venue.live else None  # not a draft
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


def signed_in_reader(request):
    """The signed-in citizen reading the page, without touching the session of a reader who
    has none (touching it would make the page uncacheable for a shared cache)."""
    if request is None or settings.SESSION_COOKIE_NAME not in getattr(request, "COOKIES", {}):
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def registration_dates(event, request, now):
    """For a repeating event with registration: its next dates that have not started, each
    with the places left and, for a signed-in reader, their own registration."""
    from ..registration import places_taken

    pairs = event.upcoming_occurrences(now, UPCOMING_DATES_SHOWN)
    if not pairs:
        return []
    starts = [start for start, _end in pairs]
    taken = places_taken(event, starts) if event.capacity is not None else {}
    mine = {}
    reader = signed_in_reader(request)
    if reader is not None:
        mine = {
            r.occurrence_start: r
            for r in Registration.objects.filter(
                event=event, user=reader, occurrence_start__in=starts
            ).exclude(status=Registration.Status.CANCELLED)
        }
    return [
        {
            "start": start,
            "end": end,
            "value": start.isoformat(),
            "places_left": None
            if event.capacity is None
            else max(event.capacity - taken.get(start, 0), 0),
            "registration": mine.get(start),
        }
        for start, end in pairs
    ]


def event_context(event, request):
    now = timezone.now()
    upcoming = []
    if event.rrule:
        for pair in event.occurrences(now, now + timezone.timedelta(days=366 * 2)):
            upcoming.append(pair)
            if len(upcoming) >= UPCOMING_DATES_SHOWN:
                break
    places_taken = None
    dates = []
    if event.registration_enabled and event.rrule:
        dates = registration_dates(event, request, now)
    elif event.registration_enabled and event.capacity:
        places_taken = Registration.objects.filter(
            event=event, status=Registration.Status.REGISTERED
        ).count()
    language = event.locale.language_code
    return {
        "upcoming_dates": upcoming,
        "is_past": event.last_end is not None and event.last_end < now,
        "event_json_ld": json_ld(event, request, upcoming),
        "related": [
            item.page for item in event.related_pages.select_related("page") if item.page.live
        ],
        "registration_open": event.registration_open(now),
        "places_left": None if places_taken is None else max(event.capacity - places_taken, 0),
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
