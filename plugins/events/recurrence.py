"""Recurrence of events as RFC 5545 text (RRULE and EXDATE), expanded with python-dateutil.

Times are expanded in the event's (the site's) time zone, so a weekly 18:00 meeting stays at
18:00 local time across a daylight-saving change.
"""

import zoneinfo
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rruleset, rrulestr

DAILY, WEEKLY, MONTHLY = "DAILY", "WEEKLY", "MONTHLY"
#: Recurring events without an end are expanded at most this far ahead.
HORIZON = timedelta(days=366 * 3)
MAX_OCCURRENCES = 1000


def parse_dates(text):
    """The dates of a text with one ISO date (YYYY-MM-DD) per line or comma; ValueError on
    anything else."""
    found = []
    for chunk in text.replace(",", "\n").splitlines():
        chunk = chunk.strip()
        if chunk:
            found.append(date.fromisoformat(chunk))
    return sorted(set(found))


def rrule_text(frequency, interval=1, until=None, count=None, all_day=False, tz=None):
    """The RRULE value for a frequency, interval and an end (a local date or a count).

    For a timed event UNTIL is the end of the `until` day in `tz`, written in UTC as the RFC
    requires when DTSTART has a time zone; for an all-day event it is a DATE.
    """
    parts = [f"FREQ={frequency}"]
    if interval and interval > 1:
        parts.append(f"INTERVAL={interval}")
    if count:
        parts.append(f"COUNT={count}")
    elif until:
        if all_day:
            parts.append(f"UNTIL={until:%Y%m%d}")
        else:
            last = datetime.combine(until, time(23, 59, 59), tzinfo=zoneinfo.ZoneInfo(tz))
            parts.append(f"UNTIL={last.astimezone(zoneinfo.ZoneInfo('UTC')):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def _local_start(start, tz, all_day):
    local = start.astimezone(tz)
    if all_day:
        return datetime.combine(local.date(), time(0, 0))
    return local


def occurrence_set(start, rrule, excluded, tz_name, all_day=False):
    """A dateutil rruleset of the occurrence starts: aware datetimes in `tz_name` (naive local
    midnights for all-day events)."""
    tz = zoneinfo.ZoneInfo(tz_name)
    dtstart = _local_start(start, tz, all_day)
    rules = rruleset()
    rules.rrule(rrulestr(rrule, dtstart=dtstart))
    for day in excluded:
        rules.exdate(datetime.combine(day, dtstart.time(), tzinfo=dtstart.tzinfo))
    return rules


def expand(start, end, rrule, excluded, tz_name, window_start, window_end, all_day=False):
    """The (start, end) pairs of the occurrences that overlap [window_start, window_end).

    `start`/`end` are the first occurrence's aware datetimes; the results are aware datetimes
    in `tz_name` (for all-day events: local midnights, `end` exclusive).
    """
    tz = zoneinfo.ZoneInfo(tz_name)
    if all_day:
        first = start.astimezone(tz).date()
        days = max((end.astimezone(tz).date() - first).days, 0) + 1
        span = timedelta(days=days)
    else:
        span = end - start
    if not rrule:
        pairs = [_occurrence(start.astimezone(tz), span, tz, all_day)]
    else:
        rules = occurrence_set(start, rrule, excluded, tz_name, all_day)
        low, high = window_start - span, window_end
        if all_day:
            low = low.astimezone(tz).replace(tzinfo=None) - timedelta(days=1)
            high = high.astimezone(tz).replace(tzinfo=None)
        pairs = [_occurrence(moment, span, tz, all_day) for moment in rules.between(low, high)]
    return [(s, e) for s, e in pairs if s < window_end and e > window_start]


def _occurrence(moment, span, tz, all_day):
    if all_day:
        day = moment.date()
        return (
            datetime.combine(day, time(0), tzinfo=tz),
            datetime.combine(day + span, time(0), tzinfo=tz),
        )
    return moment, (moment + span).astimezone(tz)


def last_end(start, end, rrule, excluded, tz_name, all_day=False):
    """The end of the last occurrence, or None for a rule that never ends."""
    if not rrule:
        return expand(start, end, "", (), tz_name, start - HORIZON, end + HORIZON, all_day)[0][1]
    if "COUNT=" not in rrule and "UNTIL=" not in rrule:
        return None
    rules = occurrence_set(start, rrule, excluded, tz_name, all_day)
    last = None
    for index, moment in enumerate(rules):
        last = moment
        if index >= MAX_OCCURRENCES:
            break
    if last is None:
        return end
    tz = zoneinfo.ZoneInfo(tz_name)
    if all_day:
        days = max((end.astimezone(tz).date() - start.astimezone(tz).date()).days, 0) + 1
        return _occurrence(last, timedelta(days=days), tz, True)[1]
    return last + (end - start)
