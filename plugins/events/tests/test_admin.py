"""Editors create events in the admin: local times of the site, clear validation messages."""

import re
import zoneinfo
from datetime import datetime

import pytest
from django.utils import translation

from plugins.events.models import EventPage
from plugins.events.tests.factories import calendar_for

pytestmark = pytest.mark.django_db


def _form_data(client, url):
    html = client.get(url).content.decode()
    data = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    data.update(
        {
            "body-count": "0",
            "related_pages-TOTAL_FORMS": "0",
            "related_pages-INITIAL_FORMS": "0",
            "related_pages-MIN_NUM_FORMS": "0",
            "related_pages-MAX_NUM_FORMS": "1000",
            "repeat_interval": "1",
            "waiting_list": "on",
        }
    )
    return data


def test_admin_refuses_end_before_start_and_stores_local_times(admin_client):
    index = calendar_for("uk")
    url = f"/admin/pages/add/events/eventpage/{index.pk}/"
    data = _form_data(admin_client, url)
    data.update(title="Зустріч", slug="zustrich", start="2026-12-10 18:00", end="2026-12-10 17:00")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    with translation.override(response["Content-Language"]):
        message = translation.gettext("The event cannot end before it starts.")
    assert message in response.content.decode()
    assert not EventPage.objects.filter(slug="zustrich").exists()

    data.update(end="2026-12-10 20:00")
    assert admin_client.post(url, data).status_code == 302
    event = EventPage.objects.get(slug="zustrich")
    assert event.time_zone == "Europe/Kyiv"
    assert event.start == datetime(2026, 12, 10, 18, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Kyiv"))
    edit = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'value="2026-12-10 18:00"' in edit
    assert f"/admin/events/{event.pk}/registrations/" in edit
