"""The purge queue without a cache in front: nothing is queued; with one, failures show
on the admin dashboard for administrators."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site
from wagtail.users.models import UserProfile

from cms.core.frontcache import purge_site
from cms.frontcache.models import PendingPurge, key_digest
from cms.frontcache.purging import queue_keys
from cms.frontcache.records import record

pytestmark = pytest.mark.django_db


def test_purge_site_does_nothing_without_a_front_cache(
    settings, django_capture_on_commit_callbacks
):
    settings.FRONT_CACHE_PURGE_URL = ""
    site = Site.objects.get(site_name="ternopil")
    record("ternopil.localhost/uk/", {f"site-{site.pk}"}, 300)
    with django_capture_on_commit_callbacks(execute=True):
        purge_site(site)
    assert not PendingPurge.objects.exists()


def test_purge_site_queues_every_recorded_answer_of_the_site_once(
    settings, django_capture_on_commit_callbacks
):
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ternopil, levski = Site.objects.get(site_name="ternopil"), Site.objects.get(site_name="levski")
    record("ternopil.localhost/uk/", {f"site-{ternopil.pk}"}, 300)
    record("ternopil.localhost/en/?page=2", {f"site-{ternopil.pk}"}, 300)
    record("levski.localhost/bg/", {f"site-{levski.pk}"}, 300)
    record("ternopil.localhost/uk/old/", {f"site-{ternopil.pk}"}, -120)  # expired
    with django_capture_on_commit_callbacks(execute=True):
        purge_site(ternopil)
    with django_capture_on_commit_callbacks(execute=True):
        purge_site(ternopil)
    assert sorted(PendingPurge.objects.values_list("key", flat=True)) == [
        "ternopil.localhost/en/?page=2",
        "ternopil.localhost/uk/",
    ]


def test_administrators_see_failing_purges_on_the_dashboard(client, settings):
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"
    PendingPurge.objects.create(
        key="ternopil.localhost/uk/",
        key_hash="x" * 64,
        next_attempt_at=timezone.now() + timedelta(minutes=1),
        attempts=3,
        last_error="timed out",
    )
    admin = get_user_model().objects.create_superuser("fc-admin", "fc@example.org", "pw-12345")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin)
    page = client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert "1 purge of the front cache has failed since" in page
    assert "timed out" in page


def test_a_change_naming_many_cached_pages_queues_them_in_a_few_statements(settings):
    """A site-wide change (a menu, a notice) names every cached page of the site while the
    editor waits: the keys are written in batches, not one statement per key; a key already
    queued is due again at once and keeps its count of attempts."""
    settings.FRONT_CACHE_PURGE_URL = "http://127.0.0.1:9"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    keys = [f"ternopil.localhost/uk/page-{n}/" for n in range(300)]
    waiting = PendingPurge.objects.create(
        key=keys[0],
        key_hash=key_digest(keys[0]),
        next_attempt_at=timezone.now() + timedelta(minutes=5),
        attempts=3,
    )
    before = timezone.now()
    with CaptureQueriesContext(connection) as queries:
        queue_keys(keys)
    assert len(queries) <= 4, [query["sql"][:80] for query in queries]
    assert sorted(PendingPurge.objects.values_list("key", flat=True)) == sorted(keys)
    waiting.refresh_from_db()
    assert waiting.next_attempt_at >= before and waiting.attempts == 3
