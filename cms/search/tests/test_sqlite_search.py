"""The SQLite search path reads the full-text matches first: SQLite's planner, left to
choose, walked every index row of the entries and ran the full-text match once for each
(93 ms at 5,000 entries, seconds at 50,000; 17 ms with the matches first)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.search.engine import run_search

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
@pytest.mark.parametrize("kind", ["", "news"])
def test_a_search_scans_the_full_text_matches_before_anything_else(kind):
    site = Site.objects.get(site_name="ternopil")
    with CaptureQueriesContext(connection) as queries:
        outcome = run_search(query="громади", site=site, languages=("uk",), kind=kind)
    assert outcome.total > 0
    search = next(query["sql"] for query in queries if "MATCH" in query["sql"])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {search}")  # nosec B608: the captured search
        plan = [row[3] for row in cursor.fetchall()]
    loops = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
    assert loops[0].startswith("SCAN f VIRTUAL TABLE"), plan
    assert "wagtailsearch_indexentry_content_type_id" not in " ".join(plan), plan
