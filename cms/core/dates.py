"""Dates, times, intervals and numbers as the reader's language writes them (CLDR, by Babel).

Django's own formats for Slovak and Bulgarian are wrong ("31 júl 2023", "22 Март 2021",
12-hour times), so every date a person reads on a public page, in a mail, a feed item or a
calendar entry goes through here. Aware datetimes are shown in the current time zone (the
site's: `cms.core.middleware` activates it per request; mail and tasks override it).
Machine values (`<time datetime>`, RFC dates in feeds) come from `machine()`.
"""

import datetime
import re

from babel import Locale, dates, numbers
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

# English pages of European municipalities: "31 July 2023", 24-hour times.
BABEL_LOCALES = {"en": "en_GB"}
MONTH_RUN = re.compile(r"M+|L+")


def locale(language=None):
    """Babel's locale for a Django language code (the active language by default)."""
    code = language or translation.get_language() or "en"
    return Locale.parse(BABEL_LOCALES.get(code, code.replace("-", "_")))


def _local(value):
    """An aware datetime in the current time zone; dates and naive values as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _day(value):
    value = _local(value)
    return value.date() if isinstance(value, datetime.datetime) else value


def next_midnight(now=None):
    """The next midnight in the current time zone: when "3 days left" and the like change."""
    local = timezone.localtime(now or timezone.now())
    tomorrow = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(tomorrow, datetime.time(), tzinfo=local.tzinfo)


def format_date(value, style="long", language=None):
    """Reads "31 липня 2023 р.", "31. júla 2023", "31 юли 2023 г.", "31 July 2023".

    `style`: "long" (the default), "medium", "short", or "full" (with the weekday)."""
    if value in (None, ""):
        return ""
    return dates.format_date(_day(value), style, locale=locale(language))


def format_time(value, language=None):
    """Hours and minutes: "17:00"."""
    if value in (None, ""):
        return ""
    return dates.format_time(_local(value), "short", locale=locale(language))


def _glue(date_text, time_text, style, language):
    pattern = dates.get_datetime_format(style, locale=locale(language))
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def format_datetime(value, style="long", language=None):
    """A date with its time: "3 грудня 2026 р., 17:00", "3. decembra 2026, 17:00"."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value, style, language)
    value = _local(value)
    return _glue(format_date(value, style, language), format_time(value, language), style, language)


def format_month(value, language=None):
    """A month of a year standing alone: "грудень 2026 р.", "december 2026"."""
    return dates.format_skeleton("yMMMM", _day(value), locale=locale(language))


def format_weekday_date(value, language=None):
    """A day with its weekday, without the year: "четвер, 3 грудня", "štvrtok 3. decembra"."""
    day = _day(value)
    loc = locale(language)
    skeleton = "MMMMEEEEd" if "MMMMEEEEd" in loc.datetime_skeletons else "MMMMEd"
    text = dates.format_skeleton(skeleton, day, locale=loc)
    if skeleton != "MMMMEEEEd":
        short = dates.format_date(day, "EEE", locale=loc)
        text = text.replace(short, dates.format_date(day, "EEEE", locale=loc), 1)
    return text


def _fallback(start_text, end_text, loc):
    pattern = loc.interval_formats.get(None) or "{0} – {1}"
    return pattern.replace("{0}", start_text).replace("{1}", end_text)


def _greatest_difference(start, end):
    for field, attribute in (("y", "year"), ("M", "month"), ("d", "day")):
        if getattr(start, attribute) != getattr(end, attribute):
            return field
    return None


def _long_date_interval(start, end, loc):
    """CLDR's "yMMMMd" interval; where a language has only "yMMMd" with month names, its
    month names are widened as ICU does; otherwise the fallback "{0} – {1}" of long dates."""
    field = _greatest_difference(start, end)
    if field is None:
        return dates.format_date(start, "long", locale=loc)
    parts = None
    if loc.interval_formats.get("yMMMMd"):
        parts = loc.interval_formats["yMMMMd"].get(field)
    elif loc.interval_formats.get("yMMMd"):
        narrow = loc.interval_formats["yMMMd"].get(field)
        month_widths = {len(run) for part in narrow or () for run in MONTH_RUN.findall(part)}
        if month_widths and min(month_widths) >= 3:
            parts = [part.replace("MMM", "MMMM").replace("LLL", "LLLL") for part in narrow]
    if not parts:
        return _fallback(
            dates.format_date(start, "long", locale=loc),
            dates.format_date(end, "long", locale=loc),
            loc,
        )
    first, second = parts
    return dates.parse_pattern(first).apply(start, loc) + dates.parse_pattern(second).apply(
        end, loc
    )


def format_date_interval(start, end, language=None):
    """Reads "3–5 грудня 2026 р.", "3 – 5 декември 2026 г."; one date when both are the same day."""
    if not start:
        return ""
    start = _day(start)
    end = _day(end) if end else start
    return _long_date_interval(start, end, locale(language))


def _hour_skeleton(loc):
    return "hm" if "h" in dates.get_time_format("short", locale=loc).pattern else "Hm"


def format_time_interval(start, end, language=None):
    """Reads "17:00–19:00" (the same day's times)."""
    loc = locale(language)
    return dates.format_interval(_local(start), _local(end), _hour_skeleton(loc), locale=loc)


def format_datetime_interval(start, end, all_day=False, language=None):
    """When something happens: "3 грудня 2026 р., 17:00–19:00", or across days
    "3 грудня 2026 р., 17:00 – 5 грудня 2026 р., 19:00"; all-day events show dates only."""
    if not start:
        return ""
    if all_day or not isinstance(start, datetime.datetime):
        return format_date_interval(start, end, language)
    start = _local(start)
    end = _local(end) if end else None
    if end is None or end == start:
        return format_datetime(start, "long", language)
    if end.date() == start.date():
        return _glue(
            format_date(start, "long", language),
            format_time_interval(start, end, language),
            "long",
            language,
        )
    return _fallback(
        format_datetime(start, "long", language),
        format_datetime(end, "long", language),
        locale(language),
    )


def format_number(value, decimals=None, language=None):
    """A number with the language's separators: "12 345,5"; `decimals` fixes the digits."""
    if value in (None, ""):
        return ""
    loc = locale(language)
    if decimals is None:
        return numbers.format_decimal(value, locale=loc)
    pattern = "#,##0" + ("." + "0" * int(decimals) if int(decimals) else "")
    return numbers.format_decimal(value, format=pattern, locale=loc, decimal_quantization=True)


def days_left(value, today=None):
    """Reads "3 days left" until a date (or a datetime's day, in the current time zone)."""
    if not value:
        return ""
    today = today or timezone.localdate()
    count = (_day(value) - today).days
    if count < 0:
        return ""
    if count == 0:
        return gettext("Last day")
    return ngettext("%(count)s day left", "%(count)s days left", count) % {
        "count": format_number(count)
    }


def machine(value):
    """The machine value of a `<time datetime>` attribute: "2026-12-03" for a date,
    "2026-12-03T17:00:00+02:00" for a datetime (no microseconds: validators reject them)."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
