"""The civic calendar's sources: what each installed app puts on the city's calendar.

A source is a callable `fn(site, locale, start, end) -> list[Occurrence]` that returns what
happens between the aware datetimes `start` and `end` on `site` in `locale` (events,
consultation deadlines, action-plan milestones...). Apps declare it in their manifest
(`Contributions(calendar_sources=...)`, see cms.core.manifest); calendar views and feeds call
`occurrences()` and never ask which apps exist. A plugin's sources are asked only on the
sites that enable the plugin.

What every source asks (the site's home page in the language, the sections under a view
restriction) is looked up once per `occurrences()` call: a source gets those lookups from
`calendar_lookups(site, locale)` instead of repeating them.

An occurrence that belongs to a page names it (`page_id`): `occurrences()` leaves out those
of pages that are not public (a draft, or under a view restriction, the page's own or an
ancestor's), whatever the source forgot. Calendars are anonymous, cacheable output.
"""

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from wagtail.models import Page

from cms.core.manifest import app_enabled, collected, contributed
from cms.core.sites import home_in
from cms.core.visibility import keep_public, public_page_ids, public_pages


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


class CalendarLookups:
    """The lookups every calendar source of `site` in `locale` needs, each made once. It
    hands `request` (or, without one, itself) to cms.core.visibility's helpers
    (`public_pages(pages, lookups.request)`, `keep_public`), which read the restricted
    sections once and keep them on it."""

    def __init__(self, site, locale, request=None):
        self.site = site
        self.locale = locale
        self.request = self if request is None else request

    @cached_property
    def home(self):
        """The site's home page in the locale (None when the site has no such version)."""
        return home_in(self.site, self.locale)

    def public(self, pages):
        """The live pages of the queryset `pages` under no view restriction."""
        return public_pages(pages, self.request)

    def keep_public(self, pages):
        """The pages of the iterable `pages` that are live and under no view restriction."""
        return keep_public(pages, self.request)

    def site_pages(self, model):
        """The public pages of `model` on the site in the locale."""
        if self.home is None:
            return model.objects.none()
        return self.public(model.objects.descendant_of(self.home, inclusive=True)).filter(
            locale=self.locale
        )

    def attached_to_public_pages(self, objects, field="page"):
        """The objects of the queryset `objects` whose page (`field`) is public."""
        return objects.filter(**{f"{field}__in": self.public(Page.objects.all()).values("pk")})


_running = ContextVar("calendar_lookups", default=None)


def calendar_lookups(site, locale, request=None):
    """The lookups of the `occurrences()` call running for `site` in `locale`, shared by all
    its sources; new ones (for `request`, when given) outside such a call."""
    running = _running.get()
    if running is not None and running.site.pk == site.pk and running.locale.pk == locale.pk:
        return running
    return CalendarLookups(site, locale, request)


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


def occurrences(site, locale, start, end, tags=(), request=None):
    """Every source's occurrences overlapping [start, end) (a moment with `end == start`
    counts when it falls inside), sorted by start; with `tags`, only the occurrences
    carrying all of them. With the `request` being answered, what it already looked up
    (the restricted sections) is not looked up again."""
    found = []
    running = _running.set(CalendarLookups(site, locale, request))
    try:
        for source in calendar_sources(site):
            found.extend(source(site, locale, start, end))
    finally:
        _running.reset(running)
    found = _on_public_pages(found)
    wanted = set(tags)
    return sorted(
        (o for o in found if wanted <= o.tags and o.start < end and max(o.end, o.start) >= start),
        key=lambda o: (o.start, o.title),
    )
