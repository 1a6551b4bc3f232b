"""A page's address is found from the page frame's cache (cms.core.chrome).

Wagtail finds the page of `/uk/novyny/some-article/` by reading, at each level, the site's
home page in the URL's language, then each child by its slug, each twice (the page, then
its specific type), then the view restrictions of the page and of its ancestors: about
eight queries before the page is even rendered. Pages change the chrome's token whenever
they are published, withdrawn, saved, moved or deleted, and so do view restrictions, so
the home page of a site in a language and each child of a page by its slug, with whether a
view restriction applies to it, are kept under that token. A cached page is a fresh copy
for every request.

Routing stays Wagtail's: every page type's `route` runs as before (routable pages answer
their own subpaths first), only the step from a page to its child by slug goes through the
cache (`BasePage.route` asks `request.child_page`). An address that finds no page is never
kept (anyone can ask for any address). For a page under a view restriction (its own or an
ancestor's) only the page is kept: its restrictions are read and checked as Wagtail does,
on every request.
"""

from django.db import DEFAULT_DB_ALIAS
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from cms.core.chrome import cached


def _with_restrictions_known(found):
    """The page of a cached (page, unrestricted) pair; a page under no view restriction
    answers Wagtail's check without a query (`BasePage.get_view_restrictions`)."""
    page, unrestricted = found
    page.known_unrestricted = unrestricted
    # Read again through the database router, not from the database it was first read from
    # (a read replica that may be down, or behind what a signed-in citizen must see).
    page._state.db = DEFAULT_DB_ALIAS
    return page


def _page_and_whether_unrestricted(page):
    _ = page.locale  # loaded now and kept with the page: every page shows its language
    return page, not page.get_view_restrictions().exists()


def child_page(request, parent, slug):
    """The live or draft child of `parent` with `slug`, specific, or None."""

    def compute():
        child = parent.get_children().filter(slug=slug).first()
        return None if child is None else _page_and_whether_unrestricted(child.specific)

    found = cached(request, "child", (parent.pk, slug), compute, keep_none=False)
    return None if found is None else _with_restrictions_known(found)


def route(request, path):
    """Wagtail's `Page.route_for_request`, through the cache: (page, args, kwargs) or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    request.child_page = lambda parent, slug: child_page(request, parent, slug)
    root = _with_restrictions_known(
        cached(
            request,
            "home",
            (site.pk, translation.get_language()),
            lambda: _page_and_whether_unrestricted(site.root_page.localized.specific),
        )
    )
    try:
        return root.route(request, [part for part in path.split("/") if part])
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view, with the page found by `route`."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)
