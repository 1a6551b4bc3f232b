"""The home page's queries are fixed, whatever the number of consultations, events and news."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from cms.news.tests.factories import demo_index, make_article
from plugins.consultations.tests.factories import make_consultation
from plugins.events.models import EventIndexPage
from plugins.events.tests.factories import make_event

pytestmark = pytest.mark.django_db


def count_queries(client):
    client.get("/uk/", headers={"host": "ternopil.localhost"})  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/uk/", headers={"host": "ternopil.localhost"})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_home_page_query_count_does_not_grow_with_the_content(client):
    before, _ = count_queries(client)
    home = Site.objects.get(site_name="ternopil").root_page
    calendar = EventIndexPage.objects.child_of(home).get()
    now = timezone.now()
    for number in range(4):
        make_consultation(title=f"Додаткова консультація {number}")
        make_event(
            calendar, title=f"Додаткова подія {number}", start=now + timedelta(hours=number + 1)
        )
        # Older than the demo's articles: the latest news (and their images) stay the same.
        make_article(demo_index("ternopil"), f"Додаткова новина {number}", date(2001, 1, 1))
    after, html = count_queries(client)
    assert "Додаткова консультація" in html
    assert "Додаткова подія" in html
    assert after == before
