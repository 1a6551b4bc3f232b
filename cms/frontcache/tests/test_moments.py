"""Time-driven changes: objects whose declared moment passed since the scheduler's previous
run are purged once, by the tags of what shows them."""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest

from cms.actionplans.models import Milestone
from cms.core.manifest import moment_declarations
from cms.frontcache.models import MomentSweep, PendingPurge
from cms.frontcache.moments import sweep, tags_between
from cms.frontcache.records import record

pytestmark = pytest.mark.django_db
MINUTE = timedelta(minutes=1)


@pytest.fixture
def front_cache(settings):
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def milestone_ended_yesterday():
    """A Ternopil milestone that ended yesterday, and the Kyiv midnight that followed it."""
    kyiv = zoneinfo.ZoneInfo("Europe/Kyiv")
    milestone = Milestone.objects.first()
    today = datetime.now(kyiv).date()
    Milestone.objects.filter(pk=milestone.pk).update(end_date=today - timedelta(days=1))
    return milestone, datetime.combine(today, time(0), tzinfo=kyiv)


def test_apps_declare_their_moments_through_the_core():
    declared = {model: fields for model, fields, _ in moment_declarations()}
    assert declared[Milestone] == ("end_date",)


def test_a_milestone_is_due_when_the_day_after_its_end_date_begins(milestone_ended_yesterday):
    milestone, midnight = milestone_ended_yesterday
    tag = f"actionplans.milestone-{milestone.pk}"
    assert tag in tags_between(midnight - MINUTE, midnight + MINUTE)
    assert tag not in tags_between(midnight + MINUTE, midnight + 2 * MINUTE)


def test_the_scheduler_purges_a_passed_moment_once_and_remembers_its_last_run(
    front_cache, django_capture_on_commit_callbacks, milestone_ended_yesterday
):
    milestone, midnight = milestone_ended_yesterday
    record("ternopil.localhost/uk/plan/", {f"actionplans.milestone-{milestone.pk}"}, 300)
    record("ternopil.localhost/uk/other/", {"page-0"}, 300)
    with django_capture_on_commit_callbacks(execute=True):
        sweep(midnight - MINUTE)  # before the moment: nothing to purge
    assert not PendingPurge.objects.exists()
    assert MomentSweep.objects.get().swept_until == midnight - MINUTE

    with django_capture_on_commit_callbacks(execute=True):
        sweep(midnight + MINUTE)
    assert list(PendingPurge.objects.values_list("key", flat=True)) == [
        "ternopil.localhost/uk/plan/"
    ]

    PendingPurge.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        sweep(midnight + 2 * MINUTE)  # the moment is behind the previous run
    assert not PendingPurge.objects.exists()
