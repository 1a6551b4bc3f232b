"""The plan page kept with the page frame (cms.core.chrome) is never shown stale: a new day,
a renamed institution and the filters asked for each give the page they should; and a kept
page reads nothing that only its kept HTML shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.actionplans.models.plans import ActionPlanDocument, ActionPlanPage
from cms.archive.tests.factories import make_document
from cms.core.templatetags import core_tags

from .factories import DOING, make_commitment, make_institution, make_plan

pytestmark = pytest.mark.django_db


def plan_with_a_milestone_ending_on_30_june():
    plan = make_plan(
        slug="kept",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    council = make_institution("Відділ цифрової трансформації")
    make_commitment(plan, "K-1", [(DOING, 1, datetime.date(2024, 6, 30), 50)], institution=council)
    return council


def at(monkeypatch, iso):
    moment = datetime.datetime.fromisoformat(iso)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_milestone_turns_overdue_on_the_kept_page_when_the_day_changes(get, monkeypatch):
    plan_with_a_milestone_ending_on_30_june()
    at(monkeypatch, "2024-06-30T20:00:00+00:00")  # 23:00 in Kyiv
    assert "timeline__bar--overdue" not in get("ternopil", "/uk/kept/").content.decode()
    assert "timeline__bar--overdue" not in get("ternopil", "/uk/kept/").content.decode()
    at(monkeypatch, "2024-06-30T21:30:00+00:00")  # 00:30 on 1 July in Kyiv
    assert "timeline__bar--overdue" in get("ternopil", "/uk/kept/").content.decode()


def test_a_renamed_institution_shows_on_the_kept_page(get):
    council = plan_with_a_milestone_ending_on_30_june()
    assert "Відділ цифрової трансформації" in get("ternopil", "/uk/kept/").content.decode()
    council.name = "Департамент цифрового розвитку"
    council.save()
    html = get("ternopil", "/uk/kept/").content.decode()
    assert "Департамент цифрового розвитку" in html
    assert "Відділ цифрової трансформації" not in html


def test_each_understood_filter_is_kept_and_a_misunderstood_one_is_not(
    get, django_assert_max_num_queries, monkeypatch
):
    plan_with_a_milestone_ending_on_30_june()
    get("ternopil", "/uk/kept/")
    for query in ("?status=delayed", "?status=completed"):
        first = get("ternopil", f"/uk/kept/{query}").content
        with django_assert_max_num_queries(3):
            assert get("ternopil", f"/uk/kept/{query}").content == first
    # Each filter its own page: the commitment is late, not completed.
    assert b'class="ap-commitment"' in get("ternopil", "/uk/kept/?status=delayed").content
    assert b'class="ap-commitment"' not in get("ternopil", "/uk/kept/?status=completed").content
    # Any text can be asked for: a filter that is not understood is answered, not kept.
    kept = []
    real = core_tags.cached
    monkeypatch.setattr(
        core_tags,
        "cached",
        lambda request, name, parts, *a, **k: (
            kept.append(parts) or real(request, name, parts, *a, **k)
        ),
    )
    html = get("ternopil", "/uk/kept/?status=bogus").content.decode()
    assert 'class="error"' in html and 'class="ap-commitment"' in html
    assert not any(parts[0] == "plan" for parts in kept)
    get("ternopil", "/uk/kept/?status=completed")
    assert any(parts[0] == "plan" for parts in kept)


def test_a_kept_plan_page_reads_neither_its_documents_nor_their_access(get):
    plan_with_a_milestone_ending_on_30_june()
    plan = ActionPlanPage.objects.get(slug="kept")
    document = make_document("ternopil", "Звіт про виконання плану")
    plan.documents = [ActionPlanDocument(document=document, title="Звіт про виконання")]
    plan.save_revision().publish()
    first = get("ternopil", "/uk/kept/").content
    assert "Звіт про виконання".encode() in first
    with CaptureQueriesContext(connection) as kept:
        assert get("ternopil", "/uk/kept/").content == first
    read = " ".join(query["sql"] for query in kept.captured_queries)
    assert "actionplans_actionplandocument" not in read
    assert "archive_councildocument" not in read
