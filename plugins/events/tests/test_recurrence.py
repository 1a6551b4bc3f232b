"""Recurring events keep their local time across daylight-saving changes in each site's zone."""

import zoneinfo
from datetime import date, datetime, time, timedelta

import pytest

from plugins.events import recurrence
from plugins.events.tests.factories import calendar_for, make_event

UTC = zoneinfo.ZoneInfo("UTC")
ZONES = ["Europe/Kyiv", "Europe/Bratislava", "Europe/Sofia"]


@pytest.mark.parametrize("zone", ZONES)
def test_weekly_meeting_stays_at_18_local_across_the_autumn_change(zone):
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime(2026, 10, 14, 18, 0, tzinfo=tz)
    rule = recurrence.rrule_text(recurrence.WEEKLY, count=4)
    found = recurrence.expand(
        start,
        start + timedelta(hours=2),
        rule,
        [],
        zone,
        datetime(2026, 10, 1, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    assert [s.astimezone(tz).time() for s, _ in found] == [time(18, 0)] * 4
    assert [s.astimezone(tz).date() for s, _ in found] == [
        date(2026, 10, 14),
        date(2026, 10, 21),
        date(2026, 10, 28),
        date(2026, 11, 4),
    ]
    offsets = [s.utcoffset() for s, _ in found]
    # Summer time until 25 October 2026, winter time after: one hour less from UTC.
    assert offsets[0] - offsets[2] == timedelta(hours=1)
    assert [e - s for s, e in found] == [timedelta(hours=2)] * 4


@pytest.mark.parametrize("zone", ZONES)
def test_daily_rule_across_the_spring_change_with_until_and_an_excluded_date(zone):
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime(2027, 3, 26, 9, 30, tzinfo=tz)
    rule = recurrence.rrule_text(recurrence.DAILY, until=date(2027, 3, 30), tz=zone)
    found = recurrence.expand(
        start,
        start + timedelta(hours=1),
        rule,
        [date(2027, 3, 27)],
        zone,
        datetime(2027, 3, 1, tzinfo=UTC),
        datetime(2027, 5, 1, tzinfo=UTC),
    )
    local = [s.astimezone(tz) for s, _ in found]
    assert [d.day for d in local] == [26, 28, 29, 30]
    assert {d.time() for d in local} == {time(9, 30)}
    # 28 March 2027 is the last Sunday of March: summer time from then on.
    assert local[0].utcoffset() + timedelta(hours=1) == local[-1].utcoffset()
    utc_hours = [d.astimezone(UTC).hour for d in local]
    assert utc_hours[0] == utc_hours[-1] + 1


def test_monthly_rule_with_interval_and_count():
    zone = "Europe/Sofia"
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime(2026, 1, 15, 17, 0, tzinfo=tz)
    rule = recurrence.rrule_text(recurrence.MONTHLY, interval=2, count=4)
    assert rule == "FREQ=MONTHLY;INTERVAL=2;COUNT=4"
    found = recurrence.expand(
        start, start + timedelta(hours=1), rule, [], zone, start, start + timedelta(days=400)
    )
    assert [s.month for s, _ in found] == [1, 3, 5, 7]
    assert {s.hour for s, _ in found} == {17}


def test_window_keeps_only_overlapping_occurrences():
    zone = "Europe/Kyiv"
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime(2026, 1, 5, 18, 0, tzinfo=tz)
    found = recurrence.expand(
        start,
        start + timedelta(hours=2),
        "FREQ=WEEKLY",
        [],
        zone,
        datetime(2026, 2, 1, tzinfo=tz),
        datetime(2026, 3, 1, tzinfo=tz),
    )
    assert [s.day for s, _ in found] == [2, 9, 16, 23]


def test_all_day_event_spans_whole_local_days():
    zone = "Europe/Bratislava"
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime(2026, 10, 24, 10, 0, tzinfo=tz)
    end = datetime(2026, 10, 25, 10, 0, tzinfo=tz)
    found = recurrence.expand(
        start,
        end,
        "FREQ=WEEKLY;COUNT=2",
        [],
        zone,
        start - timedelta(days=30),
        start + timedelta(days=30),
        True,
    )
    assert found[0][0] == datetime(2026, 10, 24, 0, 0, tzinfo=tz)
    assert found[0][1] == datetime(2026, 10, 26, 0, 0, tzinfo=tz)
    assert found[1][0] == datetime(2026, 10, 31, 0, 0, tzinfo=tz)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,zone", [("uk", "Europe/Kyiv"), ("sk", "Europe/Bratislava"), ("bg", "Europe/Sofia")]
)
def test_saved_event_stores_rfc_text_in_its_sites_zone(language, zone):
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime(2026, 10, 7, 18, 0, tzinfo=tz)
    event = make_event(
        calendar_for(language),
        start=start,
        repeat="WEEKLY",
        repeat_until=date(2026, 11, 4),
        excluded_dates="2026-10-21",
    )
    assert event.time_zone == zone
    until = datetime(2026, 11, 4, 23, 59, 59, tzinfo=tz).astimezone(UTC)
    assert event.rrule == f"FREQ=WEEKLY;UNTIL={until:%Y%m%dT%H%M%SZ}"
    assert event.exdate == "20261021T180000"
    starts = [s.astimezone(tz) for s, _ in event.occurrences(start, start + timedelta(days=60))]
    assert [s.day for s in starts] == [7, 14, 28, 4]
    assert {s.hour for s in starts} == {18}
    assert event.last_end == datetime(2026, 11, 4, 20, 0, tzinfo=tz)
