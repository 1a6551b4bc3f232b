"""A category or venue never published (a draft translation) is not offered in the filters."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plugins.events.models import EventCategory, Venue
from plugins.events.tests.factories import calendar_for, make_event

pytestmark = pytest.mark.django_db


def test_draft_category_and_venue_are_not_in_the_filters_nor_on_the_event(get):
    index = calendar_for("uk")
    category = EventCategory.objects.create(name="Чернеткова категорія", locale=index.locale)
    venue = Venue.objects.create(name="Чернеткове місце", locale=index.locale)
    EventCategory.objects.filter(pk=category.pk).update(live=False)
    Venue.objects.filter(pk=venue.pk).update(live=False)
    start = timezone.now() + timedelta(days=3)
    event = make_event(index, "Подія з чернетками", start, category=category, venue=venue)

    html = get("ternopil", "/uk/events/").content.decode()
    assert "Подія з чернетками" in html
    assert "Чернеткова категорія" not in html and "Чернеткове місце" not in html
    assert get("ternopil", f"/uk/events/?category={category.pk}").status_code == 404
    assert get("ternopil", f"/uk/events/feed/?category={category.pk}").status_code == 404
    page = get("ternopil", event.get_url_parts()[2]).content.decode()
    assert "Чернеткова категорія" not in page and "Чернеткове місце" not in page

    EventCategory.objects.filter(pk=category.pk).update(live=True)
    assert "Чернеткова категорія" in get("ternopil", "/uk/events/").content.decode()
