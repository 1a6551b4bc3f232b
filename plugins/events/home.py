"""The home page's "upcoming events" section (the core's HOME_SECTIONS extension point)."""

from datetime import timedelta

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from cms.core.chrome import kept_html
from cms.core.dates import next_midnight
from cms.core.frontcache import add_listing_tags
from cms.core.visibility import public_pages

from .models import EventIndexPage, EventPage

#: How many coming occurrences the home page lists, and for how many days ahead it looks
#: (from the next midnight, so the list stays the same all day).
HOME_COUNT = 3
HOME_DAYS = 90


def upcoming_events_section(home, request):
    """The next occurrences of the events in `home`'s tree (one per event, soonest first,
    what is on now included); "" without a public event calendar. Kept with the page frame
    (cms.core.chrome: publishing any page renews it) until the first listed occurrence ends
    or the day changes: nothing else can change the list in between."""
    return kept_html(request, "home-events", (home.pk,), lambda: _section(home, request))


def _section(home, request):
    """Rendered in three queries whatever the number of events. Of the one-off events with a
    time of day only the first few are read (their one occurrence is their own start and
    end, so the database orders them); repeating and all-day events are expanded here."""
    index = public_pages(EventIndexPage.objects.child_of(home), request).first()
    if index is None:
        return {"html": "", "expires": None}
    add_listing_tags(EventPage, home)
    now = timezone.now()
    midnight = next_midnight(now)
    horizon = midnight + timedelta(days=HOME_DAYS)
    events = (
        public_pages(EventPage.objects.child_of(index), request)
        .filter(start__lt=horizon)
        .filter(Q(last_end__isnull=True) | Q(last_end__gt=now))
    )
    once = events.filter(rrule="", all_day=False).order_by("start", "pk")[:HOME_COUNT]
    coming = []
    for event in [*once, *events.exclude(rrule="", all_day=False)]:
        found = event.occurrences(now, horizon)
        if found:
            coming.append((found[0], event))
    coming.sort(key=lambda pair: (pair[0][0], pair[1].pk))
    items = [
        {"event": event, "start": start, "end": end, "url": event.get_url(request)}
        for (start, end), event in coming[:HOME_COUNT]
    ]
    html = render_to_string(
        "events/home_section.html", {"index": index, "items": items}, request=request
    )
    return {"html": html, "expires": min([midnight, *(item["end"] for item in items)])}
