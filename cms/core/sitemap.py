"""One sitemap per site, listing every language of it with hreflang alternates.

A page type that serves pages of its own below its URL (a routable page: the archive's
document pages, say) lists them by defining
`sitemap_subpages(self, request, translations) -> list of sitemap entries`, where
`translations` are the live translations of the page, itself included."""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.utils.functional import cached_property
from wagtail.models import Page, Site

from cms.core.visibility import public_pages


class SiteSitemap(Sitemap):
    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def items(self):
        return self.live_pages

    @cached_property
    def live_pages(self):
        if self.site is None:
            return []
        roots = self.site.root_page.get_translations(inclusive=True)
        query = Page.objects.none()
        for root in roots:
            query |= Page.objects.descendant_of(root, inclusive=True)
        return list(
            public_pages(query).filter(depth__gt=1).select_related("locale").order_by("path")
        )

    def _urls(self, page, protocol, domain):
        by_key = defaultdict(list)
        pages = self.items()
        for page_ in pages:
            by_key[page_.translation_key].append(page_)
        urls = []
        for page_ in pages:
            location = page_.get_full_url(self.request)
            if not location:
                continue
            alternates = [
                {
                    "lang_code": other.locale.language_code,
                    "location": other.get_full_url(self.request),
                }
                for other in by_key[page_.translation_key]
            ]
            urls.append(
                {
                    "item": page_,
                    "location": location,
                    "lastmod": page_.last_published_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
            subpages = getattr(page_.specific_class, "sitemap_subpages", None)
            if subpages is not None:
                urls += subpages(page_.specific, self.request, by_key[page_.translation_key])
        return urls


def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": SiteSitemap(request)})
