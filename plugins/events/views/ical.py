"""`.ics` downloads and subscribable iCalendar feeds."""

from datetime import timedelta

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site

from cms.core.calendar import occurrences
from cms.core.sites import profile_for_request

from .. import ical
from ..calendar_kind import KIND
from ..models.snippets import EventCategory

FEED_PAST = timedelta(days=366)
FEED_FUTURE = timedelta(days=366 * 2)


def _response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(event, request):
    calendar = ical.new_calendar(event.title, event.time_zone)
    url = request.build_absolute_uri(event.get_url(request))
    calendar.add_component(ical.event_component(event, url, event.locale.language_code))
    return _response(ical.finish(calendar, event.start), f"{slugify(event.slug) or 'event'}.ics")


def calendar_feed(index, request):
    """The calendar's events (with their recurrence rules) and the other apps' items; with
    `?category=<id>` only that category's events."""
    raw = request.GET.get("category", "")
    category = None
    if raw:
        if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
            raise Http404
        category = EventCategory.objects.filter(pk=int(raw), locale=index.locale, live=True).first()
        if category is None:
            raise Http404
    site = Site.find_for_request(request)
    profile = profile_for_request(request)
    now = timezone.now()
    start, end = now - FEED_PAST, now + FEED_FUTURE
    name = index.title if category is None else f"{index.title}: {category.name}"
    calendar = ical.new_calendar(f"{name} – {profile.name(index.locale.language_code)}")
    calendar["x-wr-timezone"] = profile.time_zone
    events = index.public_events(site, start, request=request)
    tags = []
    if category is not None:
        events = events.filter(category=category)
        tags.append(f"category:{category.pk}")
    language = index.locale.language_code
    events = list(events)
    earliest = min([start, *(event.start for event in events)])
    for event in events:
        url = request.build_absolute_uri(event.get_url(request))
        calendar.add_component(ical.event_component(event, url, language))
    tz = timezone.get_current_timezone()
    for item in occurrences(site, index.locale, start, end, tags, request):
        if item.kind != KIND:
            url = request.build_absolute_uri(item.url)
            calendar.add_component(ical.occurrence_component(item, url, tz))
    filename = "calendar.ics" if category is None else f"calendar-{category.pk}.ics"
    return _response(ical.finish(calendar, earliest), filename)
