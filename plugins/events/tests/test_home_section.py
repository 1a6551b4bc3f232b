"""The home page's "upcoming events" section follows the calendar."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from wagtail.models import Locale, Site

from plugins.events.models import EventIndexPage
from plugins.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def calendar(language):
    home = Site.objects.get(site_name="levski").root_page
    if home.locale.language_code != language:
        home = home.get_translation(Locale.objects.get(language_code=language))
    return EventIndexPage.objects.child_of(home).get()


def section(client):
    html = client.get("/en/", headers={"host": "levski.localhost"}).content.decode()
    return html.split('class="home-section home-events"')[1].split("</section>")[0]


def test_a_new_event_appears_and_a_past_one_does_not(client):
    soon = timezone.now() + timedelta(hours=3)
    make_event(calendar("en"), title="Tree planting in the park", start=soon)
    make_event(calendar("en"), title="Last week's hearing", start=soon - timedelta(days=7))
    listed = section(client)
    assert "Tree planting in the park" in listed
    assert "Last week&#x27;s hearing" not in listed and "Last week's hearing" not in listed
    assert "<time datetime=" in listed


def test_events_of_another_language_are_not_listed(client):
    make_event(
        calendar("bg"), title="Засаждане на дървета", start=timezone.now() + timedelta(hours=3)
    )
    assert "Засаждане на дървета" not in section(client)


def test_at_most_three_events_soonest_first(client):
    now = timezone.now()
    for hours, title in ((4, "Fourth"), (1, "First"), (3, "Third"), (2, "Second")):
        make_event(calendar("en"), title=f"{title} test event", start=now + timedelta(hours=hours))
    listed = section(client)
    assert listed.count("home-list__item") == 3
    assert "Fourth test event" not in listed
    assert listed.index("First test event") < listed.index("Second test event")


def test_what_is_on_now_and_repeating_events_take_their_place_among_one_off_events(client):
    """One-off events are ordered by the database and only the first few read; an event on
    now and the next date of a weekly event that began weeks ago are still placed by the
    time of their occurrence."""
    now = timezone.now()
    index = calendar("en")
    make_event(index, title="Later one-off", start=now + timedelta(hours=4))
    make_event(index, title="Soon one-off", start=now + timedelta(hours=3))
    make_event(
        index, title="Weekly market", start=now + timedelta(hours=2) - timedelta(weeks=3),
        repeat="WEEKLY",
    )  # fmt: skip
    make_event(
        index, title="Exhibition on now", start=now - timedelta(days=1),
        end=now + timedelta(days=1),
    )  # fmt: skip
    listed = section(client)
    order = [listed.find(title) for title in ("Exhibition on now", "Weekly market", "Soon one-off")]
    assert -1 not in order and order == sorted(order), listed
    assert "Later one-off" not in listed


def test_a_kept_section_drops_an_event_once_it_has_ended(client):
    now = timezone.now()
    make_event(
        calendar("en"), title="Evening concert in the park", start=now + timedelta(hours=1),
        end=now + timedelta(hours=2),
    )  # fmt: skip
    assert "Evening concert in the park" in section(client)
    assert "Evening concert in the park" in section(client)  # the kept section
    with mock.patch("django.utils.timezone.now", return_value=now + timedelta(hours=2)):
        assert "Evening concert in the park" not in section(client)
