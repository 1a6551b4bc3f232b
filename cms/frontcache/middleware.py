import logging
import re
import time

from django.conf import settings
from wagtail.models import Site

from cms.frontcache import purging, records, store, tracking

logger = logging.getLogger(__name__)
S_MAXAGE = re.compile(r"s-maxage=(\d+)")


class FrontCacheMiddleware:
    """Records, for every answer the front cache may keep, its key and the tags of what it
    shows. Placed outside `GZipMiddleware` and `SharedCacheMiddleware`: it sees the final
    headers.

    Only requests that came through the front cache are recorded: nginx sends the key it
    stores the answer under in `X-Front-Cache-Key`. Nothing is done when no purge endpoint
    is configured. An answer that may go into the page store is written there.

    An answer rendered while a change was purged may show what was there before: it is
    recorded (so the change's purge finds it) but not kept, neither by nginx nor the store.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.META.get("HTTP_X_FRONT_CACHE_KEY")
        if not (key and settings.FRONT_CACHE_PURGE_URL and request.method in ("GET", "HEAD")):
            return self.get_response(request)
        started = time.time()
        token = tracking.start()
        try:
            response = self.get_response(request)
        finally:
            tags = tracking.stop(token)
        seconds = self._shared_max_age(response)
        if seconds:
            site = Site.find_for_request(request)
            if site is not None:
                # "Lists objects of a kind" is kept per site: a new one elsewhere is not shown.
                tags = {f"{tag}-s{site.pk}" if tag.endswith("-all") else tag for tag in tags}
                tags.add(f"site-{site.pk}")
                if not getattr(request, "frontcache_page_served", False):
                    tags.add(f"nonpage-s{site.pk}")
            records.record(key, tags, seconds)
            if purging.changed_since(started):
                self._not_shared(response)
            elif store.enabled() and store.write(key, request, response):
                if purging.changed_since(started):  # purged while it was being written
                    store.drop(key)
        return response

    @staticmethod
    def _not_shared(response):
        response["Cache-Control"] = S_MAXAGE.sub("s-maxage=0", response["Cache-Control"])

    @staticmethod
    def _shared_max_age(response):
        if response.status_code != 200 or response.cookies:
            return 0
        match = S_MAXAGE.search(response.get("Cache-Control", ""))
        return int(match.group(1)) if match else 0
