"""Security headers of every response: the Content-Security-Policy (django-csp; the Wagtail
admin gets its own looser policy) and the Permissions-Policy."""

from csp.middleware import CSPMiddleware
from django.conf import settings

#: Browser features no page of the site uses; nothing embedded in a page may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware(CSPMiddleware):
    """`CONTENT_SECURITY_POLICY` on the public site, `ADMIN_CONTENT_SECURITY_POLICY` under the
    admin's prefixes (Wagtail's editor still has inline scripts and styles), and the
    Permissions-Policy everywhere."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if (
            not report_only
            and admin
            and parts.config is None
            and request.path_info.startswith(tuple(admin["URL_PREFIXES"]))
        ):
            parts.config = admin["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
