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
    """Lets a shared front cache keep anonymous public pages (`s-maxage`).

    Only GET/HEAD answers with status 200 that set no cookie, never read the session (so
    they cannot depend on who is signed in) and chose no caching policy of their own.
    """

    EXCLUDED_PREFIXES = ("/admin/", "/documents/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._cacheable(request, response):
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
        return response

    def _cacheable(self, request, response):
        session = getattr(request, "session", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
            and not response.cookies
            and not (session is not None and session.accessed)
            and not request.path.startswith(self.EXCLUDED_PREFIXES)
        )
