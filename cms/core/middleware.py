import zoneinfo

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from cms.core.sites import profile_for_request


class SiteLocaleMiddleware(LocaleMiddleware):
    """Language and time zone from the municipality that serves the request.

    A path without a language prefix gets the site's own language whatever the browser asks
    (so `/` on the Ternopil host goes to `/uk/`); the site's time zone is activated.
    """

    def process_request(self, request):
        profile = profile_for_request(request)
        language = translation.get_language_from_path(request.path_info)
        translation.activate(language or profile.default_language)
        request.LANGUAGE_CODE = translation.get_language()
        timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))

    def process_response(self, request, response):
        """As Django's, without `Vary: Accept-Language`: the site, not the browser, picks
        the language of a path without a prefix."""
        response = super().process_response(request, response)
        if response.has_header("Vary"):
            kept = [v.strip() for v in response["Vary"].split(",")]
            kept = [v for v in kept if v.lower() != "accept-language"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response


class SharedCacheMiddleware:
    """The one caching rule of every response; first in `MIDDLEWARE`, so it runs last.

    A response that is personal (it sets a cookie, such as the session or the CSRF token,
    read or changed the session, or varies on `Cookie`) is `private, no-store`, whatever a
    view chose. An anonymous GET/HEAD answer with status 200 that chose no caching policy of
    its own may be kept by a shared front cache (`s-maxage`).
    """

    EXCLUDED_PREFIXES = ("/admin/", "/documents/")
    PRIVATE_DROPS = {"public", "private", "no-store", "max-age", "s-maxage"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._personal(request, response):
            self._make_private(response)
        elif self._cacheable(request, response):
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
        return response

    @staticmethod
    def _personal(request, response):
        session = getattr(request, "session", None)
        varies = {v.strip().lower() for v in response.get("Vary", "").split(",")}
        return bool(
            response.cookies
            or (session is not None and (session.accessed or session.modified))
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or "cookie" in varies
        )

    def _make_private(self, response):
        kept = [
            directive.strip()
            for directive in response.get("Cache-Control", "").split(",")
            if directive.strip()
            and directive.split("=")[0].strip().lower() not in self.PRIVATE_DROPS
        ]
        response["Cache-Control"] = ", ".join(["private", "no-store", *kept])

    def _cacheable(self, request, response):
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
            and not request.path.startswith(self.EXCLUDED_PREFIXES)
        )
