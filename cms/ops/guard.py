"""Rate limits fail closed: while the cache that counts them (Redis) cannot be reached,
forms that the limits protect are refused with a translated "try again in a minute"
instead of being let through uncounted. Reading pages, and editors' work in the admin
(besides its sign-in), go on."""

import logging
import time

from django.core.cache import cache
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

logger = logging.getLogger(__name__)
RECHECK_SECONDS = 5
RETRY_AFTER_SECONDS = 60
_state = {"checked": 0.0, "reachable": True}


def counting_cache_reachable():
    """Whether the Redis cache answers (checked at most every few seconds per process);
    a local-memory cache always does."""
    client = getattr(cache, "client", None)
    if client is None or not hasattr(client, "get_client"):
        return True
    now = time.monotonic()
    if now - _state["checked"] < RECHECK_SECONDS:
        return _state["reachable"]
    try:
        client.get_client(write=True).ping()
        reachable = True
    except Exception:  # noqa: BLE001 - any failure means the counters are unavailable
        logger.warning("the cache is unreachable: forms with rate limits are refused",
                       exc_info=True)
        reachable = False
    _state.update(checked=now, reachable=reachable)
    return reachable


def guarded(request):
    path = request.path_info
    if request.method != "POST":
        return False
    if path.startswith("/admin/"):
        return path.startswith("/admin/login/")
    return True


class RateLimitGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if guarded(request) and not counting_cache_reachable():
            html = loader.get_template("ops/writes_paused.html").render(
                {"LANGUAGE_CODE": translation.get_language()}
            )
            response = HttpResponse(html, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
