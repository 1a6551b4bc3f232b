"""The calendar page's views: upcoming events, past events and a month table."""

import calendar as pycalendar
from datetime import date, datetime, time, timedelta
from itertools import groupby

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from wagtail.models import Page, Site

from cms.core.calendar import occurrences
from cms.core.pagination import page_links

from ..models.snippets import EventCategory, Venue

PER_PAGE = 25
UPCOMING_DAYS = 366
PAST_DAYS = 366 * 2
MIN_YEAR, MAX_YEAR = 1900, 2200


def _int_param(request, name):
    """An integer GET parameter, None when absent; 404 when malformed."""
    raw = request.GET.get(name, "")
    if raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise Http404
    return int(raw)


def _filters(index, request):
    """The category and venue filters: options (what the site's events use) and choices."""
    site = Site.find_for_request(request)
    category_id = _int_param(request, "category")
    venue_id = _int_param(request, "venue")
    events = index.public_events(site, request=request)
    ids = events.values("pk")
    categories = list(
        EventCategory.objects.filter(events__in=ids, live=True).distinct().order_by("name")
    )
    venues = list(
        Venue.objects.filter(pk__in=events.values("venue_id"), live=True).order_by("name")
    )
    chosen_category = next((c for c in categories if c.pk == category_id), None)
    chosen_venue = next((v for v in venues if v.pk == venue_id), None)
    if (category_id is not None and chosen_category is None) or (
        venue_id is not None and chosen_venue is None
    ):
        raise Http404
    tags = []
    if chosen_category:
        tags.append(f"category:{chosen_category.pk}")
    if chosen_venue:
        tags.append(f"venue:{chosen_venue.pk}")
    base = index.get_url(request)
    feed = base + index.reverse_subpage("feed_view")
    urls = {
        name: base + index.reverse_subpage(f"{name}_view") for name in ("upcoming", "past", "month")
    }
    urls["feed"] = feed
    urls["category_feed"] = f"{feed}?category={chosen_category.pk}" if chosen_category else ""
    query = {}
    if chosen_category:
        query["category"] = chosen_category.pk
    if chosen_venue:
        query["venue"] = chosen_venue.pk
    return (
        site,
        tags,
        {
            "categories": categories,
            "venues": venues,
            "category": chosen_category,
            "venue": chosen_venue,
            "filter_query": "&".join(f"{k}={v}" for k, v in query.items()),
            "filter_params": query,
            "urls": urls,
        },
    )


class ListedOccurrence:
    """An occurrence in the calendar's list, with the page it belongs to (or None), which
    the listing's extension point (a comment count, for example) is given."""

    def __init__(self, occurrence, page):
        self.occurrence, self.page = occurrence, page

    def __getattr__(self, name):
        return getattr(self.occurrence, name)


def _with_pages(items):
    """The occurrences with their pages, loaded in one query."""
    ids = {item.page_id for item in items if item.page_id is not None}
    pages = Page.objects.in_bulk(ids) if ids else {}
    return [ListedOccurrence(item, pages.get(item.page_id)) for item in items]


def _by_day(items, tz):
    return [
        (day, list(group))
        for day, group in groupby(items, key=lambda o: o.start.astimezone(tz).date())
    ]


def _listing(index, request, view, start, end, newest_first=False):
    site, tags, context = _filters(index, request)
    found = occurrences(site, index.locale, start, end, tags, request)
    if newest_first:
        found.reverse()
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    tz = timezone.get_current_timezone()
    context.update(
        page_links(page, context["filter_params"]),
        view=view,
        days=_by_day(_with_pages(page.object_list), tz),
        now=timezone.now(),
    )
    return index.render(request, context_overrides=context)


def upcoming(index, request):
    now = timezone.now()
    return _listing(index, request, "upcoming", now, now + timedelta(days=UPCOMING_DAYS))


def past(index, request):
    now = timezone.now()
    return _listing(index, request, "past", now - timedelta(days=PAST_DAYS), now, True)


def month(index, request):
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    year = _int_param(request, "year") or today.year
    month_number = _int_param(request, "month") or today.month
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month_number <= 12):
        raise Http404
    first = date(year, month_number, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = datetime.combine(first, time(0), tzinfo=tz)
    end = datetime.combine(following, time(0), tzinfo=tz)
    site, tags, context = _filters(index, request)
    found = occurrences(site, index.locale, start, end, tags, request)
    per_day = {}
    for item in found:
        day = max(item.start.astimezone(tz).date(), first)
        last = item.end.astimezone(tz)
        last_day = (last - timedelta(microseconds=1)).date() if last > item.start else day
        while day <= last_day and day < following:
            per_day.setdefault(day, []).append(item)
            day += timedelta(days=1)
    weeks = [
        [(day, day.month == month_number, per_day.get(day, [])) for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month_number)
    ]
    previous_month = (first - timedelta(days=1)).replace(day=1)
    context.update(
        view="month",
        month_start=first,
        weeks=weeks,
        weekdays=[(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
        previous_month=previous_month if previous_month.year >= MIN_YEAR else None,
        next_month=following if following.year <= MAX_YEAR else None,
        today=today,
        month_count=len(found),
    )
    return index.render(request, context_overrides=context)
