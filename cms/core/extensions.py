"""Named extension points through which plugins add to core pages (Wagtail hooks).

A plugin registers a function under one of these names in its `wagtail_hooks.py`; the core
calls whatever is registered and never asks which plugins exist.
"""

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
