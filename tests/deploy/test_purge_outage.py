"""A front cache that hangs or refuses never holds up or fails a publish; the purge waits
in the queue, is retried, and the page is fresh once the cache answers again."""

import pytest

from tests.deploy.conftest import HangingEndpoint, free_port

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TE = "ternopil.localhost"
EVENT = "/uk/events/publichne-obhovorennia-hromadskoho-biudzhetu/"
STATE = """
from cms.frontcache.models import PendingPurge
for row in PendingPurge.objects.order_by("id"):
    print("ROW", row.attempts, row.last_error)
"""
DUE_NOW = """
from django.utils import timezone
from cms.frontcache.models import PendingPurge
PendingPurge.objects.update(next_attempt_at=timezone.now())
"""


def rows(stack):
    lines = stack.shell(STATE).splitlines()
    return [line.split(" ", 2)[1:] for line in lines if line.startswith("ROW ")]


def test_a_hanging_then_refusing_cache_delays_only_the_purge(stack):
    # The stack serves the whole session: purges other tests left queued are sent first,
    # so that every row below is this publish's.
    stack.shell(DUE_NOW)
    stack.manage("send_front_cache_purges")
    assert rows(stack) == []
    stack.warm(TE, EVENT)
    hanging = HangingEndpoint()
    try:
        hang = {"FRONTEND_CACHE_URL": f"http://127.0.0.1:{hanging.port}"}
        stack.shell(
            """
from wagtail.models import Page
p = Page.objects.get(url_path="/ternopil/events/publichne-obhovorennia-hromadskoho-biudzhetu/")
p = p.specific
p.title = "Бюджет після збою"
p.save_revision().publish()
print("PUBLISHED", p.live)
""",
            env=hang,
        )
        # The publish went through without touching the cache: the purge waits in the queue.
        assert hanging.accepted == []
        assert rows(stack) and all(attempts == "0" for attempts, _ in rows(stack))

        worker = stack.work(env=hang)  # returns: the worker is not held by the cache
        assert hanging.accepted  # it was tried (one request per run, the rest put off)
        tried = {attempts for attempts, _ in rows(stack)}
        assert len(tried) == 1 and int(tried.pop()) >= 1
        assert all("timed out" in error for _, error in rows(stack))
        assert worker.stderr.count("purge(s) failed") == 1
        assert stack.get(TE, EVENT).cache == "HIT"  # still the old copy
    finally:
        hanging.close()

    before = int(rows(stack)[0][0])
    refused = {"FRONTEND_CACHE_URL": f"http://127.0.0.1:{free_port()}"}
    stack.shell(DUE_NOW)
    again = stack.manage("send_front_cache_purges", env=refused)
    after = rows(stack)
    assert all(int(attempts) == before + 1 for attempts, _ in after), after
    assert all("refused" in error.lower() for _, error in rows(stack))
    assert "purge(s) failed" not in again.stderr  # logged once, at the first failure

    stack.shell(DUE_NOW)  # as if the backoff had run out
    stack.manage("send_front_cache_purges")
    assert rows(stack) == []
    answer = stack.get(TE, EVENT)
    assert answer.cache != "HIT"
    assert "Бюджет після збою" in answer.text
