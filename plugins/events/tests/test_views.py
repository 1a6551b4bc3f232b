"""The calendar views: what citizens see, bad parameters, validation and query counts."""

import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from plugins.events.models import EventCategory, EventPage
from plugins.events.tests.factories import bulk_events, calendar_for, make_event

pytestmark = pytest.mark.django_db
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


def _next_month_start():
    today = timezone.now().astimezone(KYIV).date()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return datetime(first.year, first.month, 1, tzinfo=KYIV)


def test_upcoming_lists_each_occurrence_of_a_recurring_event_on_its_date(get):
    start = _next_month_start() + timedelta(days=2, hours=18)
    make_event(
        calendar_for("uk"),
        "Щотижнева зустріч",
        start,
        repeat="WEEKLY",
        repeat_count=3,
        excluded_dates=(start + timedelta(days=7)).date().isoformat(),
    )
    html = get("ternopil", "/uk/events/").content.decode()
    # What each listed day shows (other events of the demo may fall on the same days).
    day = r'<h3 id="day-\d+" class="event-day__date"><time datetime="([\d-]+)"'
    shown_on = dict(re.findall(day + r'(.*?)(?=<h3 id="day-|$)', html, re.S))
    first, skipped, third = ((start + timedelta(days=7 * i)).date().isoformat() for i in range(3))
    assert "Щотижнева зустріч" in shown_on[first]
    assert "Щотижнева зустріч" in shown_on[third]
    assert "Щотижнева зустріч" not in shown_on.get(skipped, "")
    assert html.count("Щотижнева зустріч") == 2


def test_month_view_is_an_accessible_table_with_links_to_other_months(get):
    first = _next_month_start()
    make_event(calendar_for("uk"), "Засідання у місяці", first + timedelta(days=9, hours=10))
    html = get(
        "ternopil", f"/uk/events/month/?year={first.year}&month={first.month}"
    ).content.decode()
    assert '<caption id="month-caption">' in html and '<th scope="col">' in html
    assert "Засідання у місяці" in html
    previous = (first - timedelta(days=1)).replace(day=1)
    assert f"?year={previous.year}&amp;month={previous.month}" in html
    assert 'rel="next"' in html


def test_past_view_lists_past_events_newest_first(get):
    old = make_event(calendar_for("uk"), "Минуле слухання", timezone.now() - timedelta(days=10))
    older = make_event(calendar_for("uk"), "Давнє слухання", timezone.now() - timedelta(days=40))
    html = get("ternopil", "/uk/events/past/").content.decode()
    assert html.index(old.title) < html.index(older.title)
    assert old.title not in get("ternopil", "/uk/events/").content.decode()


def test_category_and_venue_filters(get):
    index = calendar_for("uk")
    category = EventCategory.objects.filter(locale=index.locale).first()
    start = timezone.now() + timedelta(days=3)
    make_event(index, "Подія з категорією", start, category=category)
    make_event(index, "Подія без категорії", start)
    html = get("ternopil", f"/uk/events/?category={category.pk}").content.decode()
    assert "Подія з категорією" in html and "Подія без категорії" not in html
    month = get("ternopil", f"/uk/events/month/?category={category.pk}").content.decode()
    assert "Подія без категорії" not in month


BAD_QUERIES = [
    "?month=13",
    "?month=0",
    "?month=abc",
    "?month=-1",
    "?year=-5",
    "?year=99999999999999999999",
    "?year=0&month=1",
    "?year=1899&month=12",
    "?year=2026&month=1%00",
    "?year=٢٠٢٦&month=1",
    "?category=abc",
    "?category=999999999",
    "?category=1e3",
    "?category=",
    "?venue=%27%3B--",
    "?venue=999999999",
    "?page=abc",
    "?page=99999",
    "?page=-1",
]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("view", ["", "month/", "past/", "feed/"])
def test_malformed_parameters_give_a_page_or_404(get, view, query):
    response = get("ternopil", f"/uk/events/{view}{query}")
    assert response.status_code in (200, 404)


def test_end_before_start_is_refused_with_a_message():
    start = timezone.now() + timedelta(days=5)
    event = EventPage(title="Помилка", slug="pomylka", start=start, end=start - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert error.value.message_dict["end"] == ["The event cannot end before it starts."]


def test_bad_recurrence_input_is_refused_with_messages():
    start = timezone.now() + timedelta(days=5)
    event = EventPage(
        title="Повтор",
        slug="povtor",
        start=start,
        end=start + timedelta(hours=1),
        repeat="WEEKLY",
        repeat_count=3,
        repeat_until=(start + timedelta(days=30)).date(),
        excluded_dates="24.12.2026",
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "repeat_count" in error.value.message_dict
    assert "excluded_dates" in error.value.message_dict


def test_anonymous_pages_are_cacheable_and_carry_no_csrf_token(get):
    index = calendar_for("uk")
    event = make_event(
        index,
        "Реєстрація",
        timezone.now() + timedelta(days=10),
        registration_enabled=True,
        capacity=5,
    )
    for path in ["/uk/events/", "/uk/events/month/", event.get_url()]:
        response = get("ternopil", path)
        assert response.status_code == 200
        assert "s-maxage" in response["Cache-Control"]
        assert not response.cookies
        assert b"csrfmiddlewaretoken" not in response.content
    html = get("ternopil", event.get_url()).content.decode()
    assert f'href="/uk/events/{event.pk}/register/"' in html
    assert '<script type="application/ld+json">' in html


def _count_queries(django_assert_max_num_queries, get, path, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = get("ternopil", path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def _bulk_events(first, count):
    index = calendar_for("uk")
    category = EventCategory.objects.filter(locale=index.locale).first()
    base = timezone.now().astimezone(KYIV).replace(hour=10, minute=0, second=0, microsecond=0)
    bulk_events(
        index,
        [
            {
                "title": f"Подія {number}",
                "slug": f"bulk-{number}",
                "start": base + timedelta(days=1 + number % 300, minutes=number),
                "end": base + timedelta(days=1 + number % 300, minutes=number + 60),
                "category": category if number % 2 else None,
                "repeat": "WEEKLY" if number % 50 == 0 else "",
                "repeat_count": 3 if number % 50 == 0 else None,
            }
            for number in range(first, first + count)
        ],
    )


CALENDAR_PATHS = [
    "/uk/events/",
    "/uk/events/?page=2",
    "/uk/events/month/",
    "/uk/events/past/",
    "/uk/events/feed/",
]
# The list views also load the shown items' pages and, for the listing's extension point,
# the comment settings of the site's pages (one query each); the civic calendar reads the
# restricted sections and the site's home once for all its sources (cms.core.calendar), then
# asks every installed source (events, plans, consultations, petitions, budgets) its own.
# Measured: 23 for the lists, 21 for the month, 19 for the feed (31, 29 and 27 while each
# source looked them up itself).
QUERY_LIMIT = 23


def _query_counts(get, django_assert_max_num_queries):
    counts = {}
    for path in CALENDAR_PATHS:
        get("ternopil", path)  # warm Wagtail's site and root-path caches
        with django_assert_max_num_queries(QUERY_LIMIT) as captured:
            response = get("ternopil", path)
        assert response.status_code == 200
        counts[path] = len(captured.captured_queries)
    return counts


def test_calendar_views_use_the_same_number_of_queries_with_10_or_2000_events(
    get, django_assert_max_num_queries
):
    _bulk_events(0, 10)
    with_10 = _query_counts(get, django_assert_max_num_queries)
    _bulk_events(10, 1990)
    assert EventPage.objects.filter(slug__startswith="bulk-").count() == 2000
    with_2000 = _query_counts(get, django_assert_max_num_queries)
    assert with_10 == with_2000
    assert "Подія 1999" in get("ternopil", "/uk/events/feed/").content.decode()


def test_page_links_of_the_list_keep_the_category_filter(get):
    _bulk_events(0, 60)
    category = EventCategory.objects.filter(locale=calendar_for("uk").locale).first()
    first = get("ternopil", f"/uk/events/?category={category.pk}").content.decode()
    kept = f"?category={category.pk}&amp;page="
    assert f'<a href="{kept}2" rel="next">' in first
    assert f'<a href="{kept}1" aria-current="page">' in first
    second = get("ternopil", f"/uk/events/?category={category.pk}&page=2").content.decode()
    assert f'<a href="{kept}1" rel="prev">' in second
