"""Named extension points through which plugins add to core pages (Wagtail hooks).

A plugin registers a function under one of these names in its `wagtail_hooks.py`; the core
calls whatever is registered and never asks which plugins exist.
"""

from django.conf import settings
from wagtail import hooks

#: fn(page, request) -> HTML rendered after a page's body (comment threads, for example).
AFTER_PAGE_BODY = "hromada_after_page_body"
#: fn() -> list of URL patterns mounted inside the language prefix (`/uk/...`).
PUBLIC_URLS = "hromada_public_urls"
#: fn(page, request) -> short HTML beside a page in listings (a comment count, for example).
LISTING_ITEM_META = "hromada_listing_item_meta"
#: fn(request) -> HTML section on a signed-in citizen's account page.
ACCOUNT_PAGE = "hromada_account_page"


def public_urlpatterns():
    return [pattern for fn in hooks.get_hooks(PUBLIC_URLS) for pattern in fn()]


def render_extension_point(name, *args):
    return [html for fn in hooks.get_hooks(name) if (html := fn(*args))]


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
