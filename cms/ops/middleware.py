import json
import re
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpResponse

from cms.ops.health import run_checks
from cms.ops.logging import request_id_var

# An id from the front proxy (site/deploy/nginx.conf: `1796639809.179-13054-1`) is kept when it
# looks like one.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Gives every request an id: in every log line it causes and in `X-Request-ID`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Kept until the response is closed: Django logs 4xx/5xx answers after the
        # middleware has returned (cleared by request_finished).
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


@receiver(request_finished)
def forget_request_id(sender, **kwargs):
    request_id_var.set("-")


class HealthCheckMiddleware:
    """Answers `/healthz` before anything else runs (no host check, no HTTPS redirect, no
    session, no site lookup): load balancers ask by address, over plain HTTP.
    200 when every part is healthy, 503 naming the failing parts otherwise."""

    PATH = "/healthz"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.rstrip("/") != self.PATH:
            return self.get_response(request)
        report = run_checks()
        response = HttpResponse(
            json.dumps(report),
            content_type="application/json",
            status=503 if report["failing"] else 200,
        )
        response["Cache-Control"] = "no-store"
        # The report is the signal: Django's "Service Unavailable: /healthz" line on every
        # poll of every load balancer would bury the one that says what failed.
        response._has_been_logged = True
        return response
