"""Consultations declare their opening and closing to the core: a consultation's cached
pages are purged by the scheduler once the moment passes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.core.manifest import moment_declarations
from cms.frontcache.models import MomentSweep, PendingPurge
from cms.frontcache.moments import sweep, tags_between
from cms.frontcache.records import record
from plugins.consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def front_cache(settings):
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_consultations_declare_their_moments_through_the_core():
    declared = {model: fields for model, fields, _ in moment_declarations()}
    assert declared[ConsultationPage] == ("opens_at", "closes_at")


def test_a_consultation_is_due_once_its_closing_time_lies_in_the_window():
    consultation = ConsultationPage.objects.first()
    now = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=3), closes_at=now - timedelta(seconds=30)
    )
    assert f"page-{consultation.pk}" in tags_between(now - timedelta(minutes=1), now)
    assert f"page-{consultation.pk}" not in tags_between(now - timedelta(seconds=10), now)


def test_the_scheduler_purges_a_closed_consultation_once_and_remembers_its_last_run(
    front_cache, django_capture_on_commit_callbacks
):
    consultation = ConsultationPage.objects.first()
    record("ternopil.localhost/uk/consultations/x/", {f"page-{consultation.pk}"}, 300)
    record("ternopil.localhost/uk/other/", {"page-0"}, 300)
    now = timezone.now()
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=3), closes_at=now + timedelta(seconds=30)
    )
    with django_capture_on_commit_callbacks(execute=True):
        sweep(now)  # before the closing: nothing to purge
    assert not PendingPurge.objects.exists()
    assert MomentSweep.objects.get().swept_until == now

    with django_capture_on_commit_callbacks(execute=True):
        sweep(now + timedelta(minutes=1))
    assert list(PendingPurge.objects.values_list("key", flat=True)) == [
        "ternopil.localhost/uk/consultations/x/"
    ]

    PendingPurge.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        sweep(now + timedelta(minutes=2))  # the closing is behind the previous run
    assert not PendingPurge.objects.exists()
