"""The .ics downloads and feeds parse as RFC 5545 and say what the pages say."""

import json
import re
import zoneinfo
from datetime import datetime, timedelta

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.utils import timezone
from icalendar import Calendar

from cms.core.calendar import Occurrence
from cms.core.manifest import Contributions, contribute_temporarily
from plugins.events.models import EventCategory, EventPage
from plugins.events.tests.factories import calendar_for, make_event

pytestmark = pytest.mark.django_db
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


def _calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def _events(calendar):
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def test_calendar_feed_has_every_event_of_the_calendar_with_its_uid_and_time(get):
    index = calendar_for("uk")
    feed = _calendar(get("ternopil", "/uk/events/feed/"))
    assert "Europe/Kyiv" in {str(tz["TZID"]) for tz in feed.walk("VTIMEZONE")}
    found = _events(feed)
    pages = (
        EventPage.objects.live()
        .child_of(index)
        .filter(last_end__gte=timezone.now() - timedelta(days=366))
    )
    assert pages.exists()
    assert {page.uid for page in pages} <= set(found)
    for page in pages:
        component = found[page.uid]
        assert component.decoded("DTSTART") == page.start
        assert component.decoded("DTEND") == page.end
        assert str(component["SUMMARY"]) == page.title
        assert str(component["URL"]).endswith(page.get_url())
    # Another language's events and other sites' events are not in this feed.
    english = EventPage.objects.filter(locale__language_code="en")
    assert not {page.uid for page in english} & set(found)


def test_event_page_json_ld_and_ics_agree(get):
    index = calendar_for("uk")
    start = datetime.now(KYIV).replace(microsecond=0, second=0) + timedelta(days=12)
    event = make_event(index, "Слухання щодо бюджету", start, start + timedelta(hours=2))
    html = get("ternopil", event.get_url()).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "Event"
    assert datetime.fromisoformat(data["startDate"]) == start
    ics = _calendar(get("ternopil", event.get_url() + "ics/"))
    (component,) = ics.walk("VEVENT")
    assert str(component["UID"]) == event.uid
    assert component.decoded("DTSTART") == start
    assert component["DTSTART"].params["TZID"] == "Europe/Kyiv"
    assert str(component["UID"]) == str(
        _events(_calendar(get("ternopil", "/uk/events/feed/")))[event.uid]["UID"]
    )


def test_recurring_event_is_one_vevent_with_rrule_and_exdate_matching_the_listing(get):
    index = calendar_for("uk")
    start = (datetime.now(KYIV) + timedelta(days=3)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    skipped = (start + timedelta(days=14)).date()
    event = make_event(
        index,
        "Школа петицій",
        start,
        repeat="WEEKLY",
        repeat_count=5,
        excluded_dates=skipped.isoformat(),
    )
    component = _events(_calendar(get("ternopil", "/uk/events/feed/")))[event.uid]
    assert component["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=5"
    rules = rruleset()
    rules.rrule(
        rrulestr(component["RRULE"].to_ical().decode(), dtstart=component.decoded("DTSTART"))
    )
    exdates = component["EXDATE"]
    for exdate in exdates if isinstance(exdates, list) else [exdates]:
        for value in exdate.dts:
            rules.exdate(value.dt)
    from_feed = [moment.isoformat() for moment in rules]
    assert len(from_feed) == 4 and all("T18:00:00" in moment for moment in from_feed)
    html = get("ternopil", "/uk/events/").content.decode()
    items = re.findall(r'<li class="event-item event-item--event">(.*?)</li>', html, re.S)
    listed = [
        re.search(r'<time datetime="([^"]+)"', item)[1] for item in items if "Школа петицій" in item
    ]
    assert listed == from_feed


def test_category_feed_has_only_that_category(get):
    index = calendar_for("uk")
    category = EventCategory.objects.filter(locale=index.locale).first()
    start = timezone.now() + timedelta(days=4)
    inside = make_event(index, "У категорії", start, category=category)
    outside = make_event(index, "Поза категорією", start)
    found = _events(_calendar(get("ternopil", f"/uk/events/feed/?category={category.pk}")))
    assert inside.uid in found and outside.uid not in found
    html = get("ternopil", "/uk/events/").content.decode()
    assert f"webcal://ternopil.localhost/uk/events/feed/?category={category.pk}" in html


def test_other_apps_calendar_sources_appear_in_the_calendar_and_the_feed(get):
    deadline = timezone.now() + timedelta(days=6)

    def deadlines(site, locale, start, end):
        return [
            Occurrence(
                title="Кінцевий термін консультації",
                start=deadline,
                end=deadline,
                all_day=False,
                url="/uk/consultations/budget/",
                uid="consultation-1-deadline@test",
                kind="consultation_deadline",
            )
        ]

    with contribute_temporarily("consultations", Contributions(calendar_sources=(deadlines,))):
        html = get("ternopil", "/uk/events/").content.decode()
        feed = _events(_calendar(get("ternopil", "/uk/events/feed/")))
    assert "Кінцевий термін консультації" in html
    assert "consultation-1-deadline@test" in feed


def test_control_characters_in_a_title_do_not_break_the_feed(get):
    index = calendar_for("uk")
    make_event(index, "Зламана\x0bназва", timezone.now() + timedelta(days=2))
    feed = _calendar(get("ternopil", "/uk/events/feed/"))
    assert any("Зламананазва" == str(c["SUMMARY"]) for c in feed.walk("VEVENT"))
