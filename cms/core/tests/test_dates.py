"""Dates, times, intervals and numbers as each language writes them (CLDR), in the site's
time zone: literal forms a native reader expects, so the module cannot pass by accident."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from cms.core import dates

KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")
UTC = datetime.UTC


def plain(text):
    """CLDR's narrow and thin no-break spaces read as spaces."""
    return text.replace("\u202f", " ").replace("\u2009", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    "language, expected",
    [
        ("uk", "31 липня 2023 р."),
        ("sk", "31. júla 2023"),
        ("bg", "31 юли 2023 г."),
        ("en", "31 July 2023"),
    ],
)
def test_long_date_is_grammatical(language, expected):
    assert plain(dates.format_date(datetime.date(2023, 7, 31), language=language)) == expected


def test_bulgarian_months_are_lower_case_and_ukrainian_days_have_no_leading_zero():
    assert plain(dates.format_date(datetime.date(2021, 3, 22), language="bg")) == "22 март 2021 г."
    assert plain(dates.format_date(datetime.date(2027, 1, 8), language="uk")) == "8 січня 2027 р."


def test_date_with_weekday():
    day = datetime.date(2026, 12, 13)
    assert plain(dates.format_date(day, "full", "sk")) == "nedeľa 13. decembra 2026"
    assert plain(dates.format_date(day, "full", "uk")) == "неділя, 13 грудня 2026 р."


def test_times_are_24_hour_and_in_the_current_time_zone():
    start = datetime.datetime(2026, 12, 24, 15, 0, tzinfo=UTC)  # 17:00 in Kyiv
    end = datetime.datetime(2026, 12, 24, 17, 0, tzinfo=UTC)
    with timezone.override(KYIV):
        assert dates.format_time(start, "bg") == "17:00"
        assert plain(dates.format_datetime(start, language="bg")) == "24 декември 2026 г., 17:00"
        assert dates.format_time_interval(start, end, "uk") == "17:00–19:00"
        assert (
            plain(dates.format_datetime_interval(start, end, language="uk"))
            == "24 грудня 2026 р., 17:00–19:00"
        )
        assert (
            plain(dates.format_datetime_interval(start, end, language="sk"))
            == "24. decembra 2026, 17:00 – 19:00"
        )
        text = dates.format_datetime_interval(start, end, language="bg")
        assert "след обяд" not in text and "Дек" not in text


def test_date_intervals():
    first, last = datetime.date(2026, 12, 3), datetime.date(2026, 12, 5)
    assert plain(dates.format_date_interval(first, last, "uk")) == "3–5 грудня 2026 р."
    assert plain(dates.format_date_interval(first, last, "bg")) == "3 – 5 декември 2026 г."
    assert plain(dates.format_date_interval(first, last, "en")) == "3–5 December 2026"
    assert plain(dates.format_date_interval(first, last, "sk")) == (
        "3. decembra 2026 – 5. decembra 2026"
    )
    assert plain(dates.format_date_interval(first, first, "sk")) == "3. decembra 2026"


def test_numbers_and_days_left():
    assert plain(dates.format_number(12345.5, language="uk")) == "12 345,5"
    assert dates.format_number(1234.5, 2, language="en") == "1,234.50"
    today = datetime.date(2026, 12, 1)
    with translation.override("uk"):
        assert dates.days_left(datetime.date(2026, 12, 6), today) == "Залишилося 5 днів"
        assert dates.days_left(datetime.date(2026, 12, 3), today) == "Залишилося 2 дні"
        assert dates.days_left(datetime.date(2026, 12, 1), today) == "Останній день"
    with translation.override("sk"):
        assert dates.days_left(datetime.date(2026, 12, 2), today) == "Zostáva 1 deň"


def test_machine_values_have_no_microseconds():
    moment = datetime.datetime(2026, 12, 3, 15, 0, 7, 123456, tzinfo=UTC)
    with timezone.override(KYIV):
        assert dates.machine(moment) == "2026-12-03T17:00:07+02:00"
    assert dates.machine(datetime.date(2026, 12, 3)) == "2026-12-03"


def test_template_filters_follow_the_active_language():
    template = Template(
        '{% load cldr %}<time datetime="{{ day|machine }}">{{ day|long_date }}</time>'
    )
    with translation.override("sk"):
        html = template.render(Context({"day": datetime.date(2023, 7, 31)}))
    assert html == '<time datetime="2023-07-31">31. júla 2023</time>'
