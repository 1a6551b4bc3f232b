"""The civic calendar's sources: what each installed app puts on the city's calendar.

A source is a callable `fn(site, locale, start, end) -> list[Occurrence]` that returns what
happens between the aware datetimes `start` and `end` on `site` in `locale` (events,
consultation deadlines, action-plan milestones...). Apps register it in their
`wagtail_hooks.py` with `@hooks.register(CALENDAR_SOURCES)`; calendar views and feeds call
`occurrences()` and never ask which apps exist.

An occurrence that belongs to a page names it (`page_id`): `occurrences()` leaves out those
of pages that are not public (a draft, or under a view restriction, the page's own or an
ancestor's), whatever the source forgot. Calendars are anonymous, cacheable output.
"""

from dataclasses import dataclass, field
from datetime import datetime

from wagtail import hooks

from cms.core.visibility import public_page_ids

CALENDAR_SOURCES = "hromada_calendar_sources"


@dataclass(frozen=True)
class Occurrence:
    """One thing on the calendar at one time. `start`/`end` are aware datetimes (for an
    all-day item: midnight of the first day and of the day after the last). `uid` is stable
    and unique per item (and per occurrence when `recurrence_id` is set); `kind` names what
    it is ("event", "consultation_deadline", "milestone"...); `tags` are filter keys such as
    "category:3" or "venue:5"."""

    title: str
    start: datetime
    end: datetime
    all_day: bool
    url: str
    uid: str
    kind: str
    summary: str = ""
    location: str = ""
    tags: frozenset = field(default_factory=frozenset)
    recurrence_id: datetime | None = None
    page_id: int | None = None


def register_calendar_source(fn):
    """Register `fn` as a calendar source (same as `hooks.register(CALENDAR_SOURCES, fn)`)."""
    hooks.register(CALENDAR_SOURCES, fn)
    return fn


def calendar_sources():
    return list(hooks.get_hooks(CALENDAR_SOURCES))


def _on_public_pages(found):
    page_ids = {o.page_id for o in found if o.page_id is not None}
    if not page_ids:
        return found
    public = public_page_ids(page_ids)
    return [o for o in found if o.page_id is None or o.page_id in public]


def occurrences(site, locale, start, end, tags=()):
    """Every source's occurrences overlapping [start, end) (a moment with `end == start`
    counts when it falls inside), sorted by start; with `tags`, only the occurrences
    carrying all of them."""
    found = []
    for source in calendar_sources():
        found.extend(source(site, locale, start, end))
    found = _on_public_pages(found)
    wanted = set(tags)
    return sorted(
        (o for o in found if wanted <= o.tags and o.start < end and max(o.end, o.start) >= start),
        key=lambda o: (o.start, o.title),
    )
