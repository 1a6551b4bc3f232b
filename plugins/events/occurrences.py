"""Events as occurrences on the civic calendar (the calendar source of this app)."""

from django.db.models import Q

from cms.core.calendar import Occurrence
from cms.core.visibility import public_pages

from .models import EventPage
from .models.pages import event_uid

KIND = "event"


def home_for(site, locale):
    home = site.root_page
    if home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale)
    return home


def events_between(site, locale, start=None, end=None):
    """Live public event pages of `site` in `locale` with an occurrence in [start, end)."""
    home = home_for(site, locale)
    if home is None:
        return EventPage.objects.none()
    events = public_pages(EventPage.objects.descendant_of(home)).filter(locale=locale)
    if end is not None:
        events = events.filter(start__lt=end)
    if start is not None:
        events = events.filter(Q(last_end__isnull=True) | Q(last_end__gte=start))
    return events.select_related("venue", "category").order_by("start", "pk")


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
