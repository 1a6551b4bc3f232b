"""Purging keys from the front cache: queued after commit, sent off the request path.

A change turns into `PendingPurge` rows (one per key, written after the change commits);
a task sends them to nginx's purge endpoint, each request with a short timeout. A row goes
once nginx answered 200 (dropped) or 404 (not held); otherwise it is retried with growing
delays, and the first failure is logged. When the endpoint fails or hangs, the rest of the
run is put off at once: the worker never waits on a dead cache for more than one timeout.
"""

import http.client
import logging
import threading
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks import task

from cms.frontcache import store
from cms.frontcache.models import PendingPurge, key_digest
from cms.frontcache.records import keys_for

logger = logging.getLogger(__name__)
MAX_DELAY_SECONDS = 300
BATCH = 500
#: When the last change was purged (the shared cache: every process of every machine).
CHANGED_AT = "frontcache:changed-at"

_pending = threading.local()


def enabled():
    return bool(settings.FRONT_CACHE_PURGE_URL)


def queue_tags(tags):
    """Purge whatever shows one of `tags`, once the current transaction commits."""
    if not enabled() or not tags:
        return
    _pending.__dict__.setdefault("tags", set()).update(tags)
    # One flush per transaction (a rolled-back one forgets it: registered again then).
    if not (
        connection.in_atomic_block and any(entry[1] is _flush for entry in connection.run_on_commit)
    ):
        transaction.on_commit(_flush, robust=True)


def changed_since(moment):
    """Whether a change was purged at or after `moment` (a time.time() value)."""
    changed = cache.get(CHANGED_AT)
    return changed is not None and changed >= moment


def _flush():
    tags = _pending.__dict__.pop("tags", set())
    # Before the keys are looked up: an answer rendered meanwhile is either recorded in
    # time to be purged, or sees this mark and is not kept (FrontCacheMiddleware).
    cache.set(CHANGED_AT, time.time(), None)
    try:
        keys = keys_for(tags)
    except DatabaseError:  # the tables are not there yet (changes made while migrating)
        logger.debug("Front cache: no record of cached answers yet; nothing to purge")
        return
    queue_keys(keys)


def queue_keys(keys):
    """Write a purge row for each key (idempotent) and have them sent."""
    keys = set(keys)
    if not enabled() or not keys:
        return
    now = timezone.now()
    # One statement per BATCH keys, not one per key: a site-wide change (a menu, a notice)
    # names every cached page of the site, and this runs while the editor waits.
    PendingPurge.objects.bulk_create(
        [PendingPurge(key=key, key_hash=key_digest(key), next_attempt_at=now) for key in keys],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["key_hash"],
        update_fields=["next_attempt_at"],
    )
    dispatch()


def dispatch(run_after=None):
    """Have the due purges sent: by the task worker when the task backend queues tasks,
    otherwise (the immediate backend) in a thread, so a hanging cache never holds a request.
    """
    from django_tasks import default_task_backend

    if default_task_backend.supports_defer:
        queued = send_purges.using(run_after=run_after) if run_after else send_purges
        queued.enqueue()
    elif run_after is None:
        threading.Thread(target=_send_in_thread, daemon=True, name="frontcache-purge").start()


def _send_in_thread():
    try:
        send_due()
    except Exception:
        logger.exception("Front cache: purging failed")
    finally:
        connection.close()


def backoff(attempts):
    return timedelta(seconds=min(2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS))


class Endpoint:
    """nginx's purge server: `PURGE <path>` with the key's host as `Host`."""

    def __init__(self, url, timeout):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self.conn = None

    def purge(self, key):
        host, _, path = key.partition("/")
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            self.conn.request("PURGE", "/" + path, headers={"Host": host})
            response = self.conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        if response.will_close:
            self.close()
        if response.status not in (200, 404):
            raise OSError(f"HTTP {response.status}")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def send_due(now=None):
    """Send the purges that are due; returns (sent, failed). Reschedules what failed."""
    now = now or timezone.now()
    due = list(PendingPurge.objects.filter(next_attempt_at__lte=now).order_by("id")[:BATCH])
    endpoint = Endpoint(settings.FRONT_CACHE_PURGE_URL, settings.FRONT_CACHE_TIMEOUT)
    done, error = [], None
    try:
        for row in due:
            try:
                store.drop(row.key)
                endpoint.purge(row.key)
            except OSError as exc:
                error = str(exc) or exc.__class__.__name__
                break
            done.append(row.pk)
    finally:
        endpoint.close()
    PendingPurge.objects.filter(pk__in=done).delete()
    failed = [row for row in due if row.pk not in set(done)]
    if failed:
        _put_off(failed, error, now)
    elif len(due) == BATCH:
        dispatch()
    return len(done), len(failed)


def _put_off(rows, error, now):
    first_failures = 0
    for row in rows:
        row.attempts += 1
        first_failures += row.attempts == 1
        row.next_attempt_at = now + backoff(row.attempts)
        row.last_error = (error or "")[:300]
    PendingPurge.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])
    if first_failures:
        logger.warning(
            "Front cache: %d purge(s) failed at %s (%s); retrying with backoff",
            first_failures,
            settings.FRONT_CACHE_PURGE_URL,
            error,
        )
    dispatch(run_after=min(row.next_attempt_at for row in rows))


def failing():
    """The purges that have failed at least once and are still waiting (for the admin)."""
    return PendingPurge.objects.filter(attempts__gt=0)


# Ahead of indexing, mail and the rest: a stale page is what a spike of readers sees.
@task(priority=50)
def send_purges():
    """Send the front-cache purges that are due (retries reschedule this task). Expired
    records and stored pages are cleared by the minute's `send_front_cache_purges`, not
    after every change."""
    sent, failed = send_due()
    return {"sent": sent, "failed": failed}
