"""What happens when something fails: the 503 page while the database is unreachable, and
optional error reporting to Sentry."""

import os
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation

from cms.core.views import server_error as generic_server_error

RETRY_AFTER_SECONDS = 30


def database_unavailable(exception):
    return isinstance(exception, (OperationalError, InterfaceError))


def server_error(request):
    """handler500: a translated 503 ("back in a moment") when the database could not be
    reached, the project's 500 page otherwise. Needs no database."""
    exception = sys.exc_info()[1]
    if not database_unavailable(exception):
        return generic_server_error(request)
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        html = loader.get_template("ops/503.html").render({"LANGUAGE_CODE": language})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def init_sentry():
    """Reports errors to Sentry when SENTRY_DSN is set (and sentry-sdk is installed)."""
    dsn = os.environ.get("SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
    return True
