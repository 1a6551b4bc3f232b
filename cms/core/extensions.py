"""Named extension points through which plugins add to core pages.

An app fills one with an `Extension(point, render)` in its manifest (cms.core.manifest); the
core calls the fillers of the apps enabled on the page's site and never asks which plugins
exist. Public URL patterns come from the manifests' `public_urls`.
"""

from django.conf import settings
from django.utils.safestring import mark_safe

from cms.core import manifest

#: fn(page, request) -> HTML rendered after a page's body (comment threads, for example).
AFTER_PAGE_BODY = "hromada_after_page_body"
#: fn(page, request) -> short HTML beside a page in listings (a comment count, for example).
LISTING_ITEM_META = "hromada_listing_item_meta"
#: fn(request) -> HTML section on a signed-in citizen's account page.
ACCOUNT_PAGE = "hromada_account_page"
#: fn(page, request) -> HTML section of a site's home page (`page`, in one language): open
#: consultations, upcoming events. Only public live pages of that home's tree; a fixed
#: number of queries whatever the number of items; tag the answer (cms.core.frontcache
#: `add_listing_tags`) so a new item purges the home even while the section is empty.
HOME_SECTIONS = "hromada_home_sections"


def public_urlpatterns():
    """The public URL patterns of every app (mounted inside the language prefix)."""
    return manifest.public_urlpatterns()


def render_extension_point(name, *args):
    """The non-empty HTML of every filler of `name` for these arguments."""
    return [html for fn in manifest.extension_fillers(name, *args) if (html := fn(*args))]


def extension_html(name, *args):
    """The fillers' HTML of `name` for these arguments, as one safe string."""
    # Each part is a rendered template (autoescaped) or format_html output.
    return mark_safe("".join(str(html) for html in render_extension_point(name, *args)))  # nosec B308 B703


def listing_item_metas_ahead(items, request):
    """Renders the `LISTING_ITEM_META` fillers beside each of `items` ahead of the template
    (`item.listing_item_meta`, which {% listing_item_meta %} shows), and returns what names
    them in a kept fragment's key ({% keep %}): "pk:html" for each item."""
    names = []
    for item in items:
        item.listing_item_meta = extension_html(LISTING_ITEM_META, item, request)
        names.append(f"{item.pk}:{item.listing_item_meta}")
    return names


def has_session_cookie(request):
    """Whether the reader carries a session cookie. A reader without one gets the same,
    cacheable HTML as every anonymous reader: reading the session would mark the response
    `Vary: Cookie` and keep it out of a shared cache."""
    return request is not None and settings.SESSION_COOKIE_NAME in request.COOKIES


def signed_in_reader(request):
    """The signed-in user reading a public page, or None, without touching the session of
    a reader who has no session cookie."""
    if not has_session_cookie(request):
        return None
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None
