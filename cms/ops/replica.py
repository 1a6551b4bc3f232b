"""Anonymous readers' queries on a PostgreSQL read replica, when `DATABASE_REPLICA_URL` is set.

A request that only reads (GET or HEAD from a reader without a session cookie: the traffic
a spike brings) sends its reads to the `replica` database; writes, and every query of a
signed-in user or of a form being sent, go to the primary. Nobody misses what they have
just written because of replication lag:

- once a request has written, its later reads go to the primary too;
- an answer to a form sent without signing in (an e-mail consultation answer, its
  confirmation) pins that browser to the primary for `REPLICA_PIN_SECONDS` by a short
  cookie, so the receipt it is sent to next is read where the answer was written.

A replica that cannot be reached is left alone for `REPLICA_RETRY_SECONDS`: reads go to the
primary meanwhile, and the failure is logged once, not on every request.
"""

import contextlib
import contextvars
import logging
import threading
import time

from django.conf import settings
from django.db import Error, connections

REPLICA = "replica"
PIN_COOKIE = "hromada_primary"
SAFE_METHODS = ("GET", "HEAD")
logger = logging.getLogger(__name__)
_reads_only = contextvars.ContextVar("hromada_reads_only", default=False)
_down = {"until": 0.0}
_down_lock = threading.Lock()


def reads_only(request):
    """Whether `request` comes from an anonymous reader and changes nothing."""
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
    )


def replica_reachable():
    """Whether the replica answers (a kept connection is checked as Django checks it before
    a query); after a failure, False without trying for REPLICA_RETRY_SECONDS."""
    if time.monotonic() < _down["until"]:
        return False
    try:
        with connections[REPLICA].cursor():
            pass
    except Error:
        with _down_lock:
            _down["until"] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        with contextlib.suppress(Error):
            connections[REPLICA].close()
        logger.warning(
            "The read replica cannot be reached; reading from the primary.", exc_info=True
        )
        return False
    return True


class ReplicaMiddleware:
    """Marks the requests whose reads may go to the replica (see `ReplicaRouter`) and pins a
    browser that has just sent a form to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        marked = REPLICA in settings.DATABASES and reads_only(request) and replica_reachable()
        token = _reads_only.set(marked)
        try:
            response = self.get_response(request)
        finally:
            _reads_only.reset(token)
        if REPLICA in settings.DATABASES and request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


class ReplicaRouter:
    """Reads of a marked request on the replica until it writes; everything else on the
    primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reads_only.get() else None

    def db_for_write(self, model, **hints):
        if _reads_only.get():
            _reads_only.set(False)  # what this request writes, it reads back from the primary
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA
