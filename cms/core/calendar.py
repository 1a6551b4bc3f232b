"""The civic calendar's sources: what each installed app puts on the city's calendar.

A source is a callable `fn(site, locale, start, end) -> list[Occurrence]` that returns what
happens between the aware datetimes `start` and `end` on `site` in `locale` (events,
consultation deadlines, action-plan milestones...). Apps declare it in their manifest
(`Contributions(calendar_sources=...)`, see cms.core.manifest); calendar views and feeds call
`occurrences()` and never ask which apps exist. A plugin's sources are asked only on the
sites that enable the plugin.

An occurrence that belongs to a page names it (`page_id`): `occurrences()` leaves out those
of pages that are not public (a draft, or under a view restriction, the page's own or an
ancestor's), whatever the source forgot. Calendars are anonymous, cacheable output.
"""

from dataclasses import dataclass, field
from datetime import datetime

from cms.core.manifest import app_enabled, collected, contributed
from cms.core.visibility import public_page_ids


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


def calendar_sources(site=None):
    """The declared calendar sources; with `site`, those of apps enabled on it."""
    return [
        source
        for app_label, source in contributed("calendar_sources")
        if site is None or app_enabled(site, app_label)
    ]


def kind_label(kind):
    """What an occurrence of `kind` is, for citizens, as the app that declares the kind
    names it in its manifest (`calendar_kinds`); "" when no app names it."""
    for manifest in collected():
        label = manifest.contributions.calendar_kinds.get(kind)
        if label is not None:
            return str(label)
    return ""


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
    for source in calendar_sources(site):
        found.extend(source(site, locale, start, end))
    found = _on_public_pages(found)
    wanted = set(tags)
    return sorted(
        (o for o in found if wanted <= o.tags and o.start < end and max(o.end, o.start) >= start),
        key=lambda o: (o.start, o.title),
    )
