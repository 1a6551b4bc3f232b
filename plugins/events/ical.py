"""iCalendar (RFC 5545) output: one event, or a subscribable feed, with VTIMEZONE blocks."""

import re
from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from .recurrence import parse_dates

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PRODID = "-//Hromada//Events//EN"


def clean_text(text):
    return CONTROL.sub("", str(text or ""))


def new_calendar(name="", time_zone=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", clean_text(name))
    if time_zone:
        calendar.add("x-wr-timezone", time_zone)
    return calendar


def _dates(start, end, all_day, tz):
    if all_day:
        first = start.astimezone(tz).date()
        last = end.astimezone(tz).date()
        return first, max(last, first) + timedelta(days=1)
    return start.astimezone(tz), end.astimezone(tz)


def event_component(event, absolute_url, language, occurrence=None):
    """A VEVENT for an event page: the first occurrence with its RRULE and EXDATE; or, given
    an `occurrence` (start, end) of a repeating event, that one date alone: the series' UID
    with a RECURRENCE-ID (RFC 5545 3.8.4.4), as the calendar feed has it."""
    tz = event.tz
    component = Event()
    component.add("uid", event.uid_for(language))
    component.add("dtstamp", event.last_published_at or timezone.now())
    first, last = occurrence or (event.start, event.end)
    if occurrence and event.all_day:  # an occurrence's end is the (exclusive) next midnight
        last = max(last - timedelta(days=1), first)
    start, end = _dates(first, last, event.all_day, tz)
    if occurrence and event.rrule:
        component.add("recurrence-id", start)
    component.add("dtstart", start)
    component.add("dtend", end)
    component.add("summary", clean_text(event.title))
    description = "\n\n".join(filter(None, [clean_text(event.summary), absolute_url]))
    component.add("description", description)
    component.add("url", absolute_url)
    venue, category = event.public_venue, event.public_category
    if venue:
        location = ", ".join(filter(None, [venue.name, venue.address]))
        component.add("location", clean_text(location))
        if venue.has_coordinates:
            component.add("geo", (float(venue.latitude), float(venue.longitude)))
    elif event.online_url:
        component.add("location", event.online_url)
    if category:
        component.add("categories", [clean_text(category.name)])
    if event.organiser:
        component.add("x-organiser-name", clean_text(event.organiser))
    if event.rrule and not occurrence:
        component.add("rrule", vRecur.from_ical(event.rrule))
        excluded = parse_dates(event.excluded_dates) if event.excluded_dates else []
        if excluded:
            if event.all_day:
                component.add("exdate", excluded)
            else:
                local = start.timetz()
                component.add(
                    "exdate",
                    [
                        timezone.make_aware(
                            timezone.datetime.combine(day, local.replace(tzinfo=None)), tz
                        )
                        for day in excluded
                    ],
                )
    return component


def occurrence_component(occurrence, absolute_url, tz):
    """A VEVENT for an item another app put on the calendar (a deadline, a milestone...)."""
    component = Event()
    component.add("uid", occurrence.uid)
    component.add("dtstamp", timezone.now().replace(microsecond=0))
    start, end = _dates(occurrence.start, occurrence.end, occurrence.all_day, tz)
    component.add("dtstart", start)
    if end != start:
        component.add("dtend", end)
    component.add("summary", clean_text(occurrence.title))
    if occurrence.summary:
        component.add("description", clean_text(occurrence.summary))
    if occurrence.location:
        component.add("location", clean_text(occurrence.location))
    component.add("url", absolute_url)
    component.add("categories", [occurrence.kind])
    return component


def finish(calendar, earliest=None):
    """Add a VTIMEZONE for every time zone used (its rules from a year before `earliest` to
    ten years ahead), and serialise."""
    today = timezone.now().date()
    first = (earliest.date() if earliest else today) - timedelta(days=366)
    calendar.add_missing_timezones(first_date=first, last_date=today + timedelta(days=3660))
    return calendar.to_ical()
