"""The civic calendar looks up what all its sources need once per query."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Site

from cms.core.calendar import calendar_lookups, calendar_sources, occurrences

pytestmark = pytest.mark.django_db

#: A query that reads the view restrictions themselves (not one using them in a subquery).
RESTRICTIONS_READ = re.compile(r'^SELECT [^(]* FROM "wagtailcore_pageviewrestriction"')


def _ternopil():
    return Site.objects.get(hostname="ternopil.localhost")


@pytest.mark.parametrize("language", ["uk", "en"])
def test_the_restricted_sections_are_read_once_for_every_source(language):
    site, locale = _ternopil(), Locale.objects.get(language_code=language)
    start = timezone.now() - timedelta(days=400)
    assert len(calendar_sources(site)) >= 4
    with CaptureQueriesContext(connection) as queries:
        found = occurrences(site, locale, start, start + timedelta(days=800))
    assert {o.kind for o in found} >= {"event", "petition_collection_end", "budget_phase"}
    reads = [q["sql"] for q in queries.captured_queries if RESTRICTIONS_READ.match(q["sql"])]
    assert len(reads) <= 1  # none when the chrome cache already holds them


def test_a_source_called_on_its_own_gets_its_own_lookups():
    site, locale = _ternopil(), Locale.objects.get(language_code="uk")
    first, second = calendar_lookups(site, locale), calendar_lookups(site, locale)
    assert first is not second
    assert first.home == second.home == site.root_page
