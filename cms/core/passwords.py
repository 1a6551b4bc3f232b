"""Shared passwords of page and collection view restrictions, throttled: wrong guesses are
counted per client and restriction, and per restriction from everyone; past either limit
the form answers 429 with a translated explanation until the window closes.

Wagtail's own views do the checking; these wrappers are routed in their place (same URL
names, so Wagtail's password forms post to them).
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from wagtail.documents.views.serve import (
    authenticate_with_password as document_password_view,
)
from wagtail.views import authenticate_with_password as page_password_view

from cms.core.clientip import client_network
from cms.core.throttle import Throttle

WINDOW_SECONDS = 15 * 60

PER_CLIENT = Throttle(
    "shared-password-client",
    lambda: getattr(settings, "SHARED_PASSWORD_ATTEMPTS_PER_CLIENT", 10),
    WINDOW_SECONDS,
)
PER_RESTRICTION = Throttle(
    "shared-password-restriction",
    lambda: getattr(settings, "SHARED_PASSWORD_ATTEMPTS_PER_RESTRICTION", 100),
    WINDOW_SECONDS,
)


def too_many_attempts(request):
    context = {"minutes": WINDOW_SECONDS // 60}
    return render(request, "core/too_many_attempts.html", context, status=429)


def _throttled(view, kind, restriction_argument):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction = f"{kind}:{kwargs[restriction_argument]}"
        client = f"{restriction}:{client_network(request)}"
        if PER_CLIENT.exceeded(client) or PER_RESTRICTION.exceeded(restriction):
            return too_many_attempts(request)
        response = view(request, *args, **kwargs)
        if response.status_code != 302:  # not let through: the form again, or 404
            PER_CLIENT.hit(client)
            PER_RESTRICTION.hit(restriction)
        return response

    return never_cache(wrapped)


page_password = _throttled(page_password_view, "page", "page_view_restriction_id")
document_password = _throttled(document_password_view, "collection", "restriction_id")
