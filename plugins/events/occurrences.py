"""Events as occurrences on the civic calendar (the calendar source of this app)."""

from cms.core.calendar import Occurrence

from .calendar_kind import KIND
from .models.pages import event_uid, events_between


def event_occurrences(event, site, language, start, end):
    tags = set()
    if event.category_id:
        tags.add(f"category:{event.category_id}")
    if event.venue_id:
        tags.add(f"venue:{event.venue_id}")
    url = event.get_url(current_site=site)
    venue = event.public_venue
    location = ", ".join(filter(None, [venue.name, venue.address])) if venue else ""
    uid = event_uid(event.translation_key, language)
    return [
        Occurrence(
            title=event.title,
            start=occurrence_start,
            end=occurrence_end,
            all_day=event.all_day,
            url=url,
            uid=uid,
            kind=KIND,
            summary=event.summary,
            location=location or event.online_url,
            tags=frozenset(tags),
            recurrence_id=occurrence_start if event.rrule else None,
            page_id=event.pk,
        )
        for occurrence_start, occurrence_end in event.occurrences(start, end)
    ]


def events_source(site, locale, start, end):
    """The calendar source: every occurrence of the site's events in `locale`."""
    found = []
    for event in events_between(site, locale, start, end):
        found.extend(event_occurrences(event, site, locale.language_code, start, end))
    return found
