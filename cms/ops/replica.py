"""Anonymous readers' queries on a PostgreSQL read replica, when `DATABASE_REPLICA_URL` is set.

A request that only reads (GET or HEAD from a reader without a session cookie: the traffic
a spike brings) sends its reads to the `replica` database; writes, and every query of a
signed-in user or of a form being sent, go to the primary, so nobody misses what they
have just written because of replication lag.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
_reads_only = contextvars.ContextVar("hromada_reads_only", default=False)


def reads_only(request):
    """Whether `request` comes from an anonymous reader and changes nothing."""
    return request.method in ("GET", "HEAD") and (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaMiddleware:
    """Marks the requests whose reads may go to the replica (see `ReplicaRouter`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_only.set(REPLICA in settings.DATABASES and reads_only(request))
        try:
            return self.get_response(request)
        finally:
            _reads_only.reset(token)


class ReplicaRouter:
    """Reads of a marked request on the replica; everything else on the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reads_only.get() else None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA
