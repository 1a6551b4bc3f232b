"""The frame of every page (the chrome), kept in the cache (Redis in production): the site a
host name serves, the main menu and the footer of a site in a language, and the language
versions of a page.

They change only when a page is published, withdrawn, moved, deleted or saved (titles,
slugs, "show in menus", new translations), a view restriction of a page or a collection, a
collection, a site or a locale changes, or an object of a model an app watches (`watch`:
menus, footers, news categories, tags, documents, images, institutions, page comment
settings) is saved or deleted. Every such change writes a
new random token in `ChromeVersion`, in the same transaction as the change (`connect`,
from the core's `ready`), and every cache key carries the token: the next request
computes the part again, and a change that is rolled back takes its token with it.
Reading the token is one primary-key query per request. With Redis, each process also
keeps its own copy of what it read (the "local" cache): a key names its token, so a copy
is never stale, and a kept part costs no round trip. Before any token exists (a database
just flushed), and for previews of drafts, nothing is cached.

What depends on the visitor or the address (the current menu item, the subpage of a
routable page, the languages the site's profile offers) is applied after the cache. A part
served from the cache gives the front cache the tags its computation recorded
(cms.core.frontcache.captured_tags), so a change still purges every answer that shows it.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.frontcache import add_tags, captured_tags
from cms.core.models import ChromeVersion, is_bookkeeping_save

#: The longest a part is kept: a safety net for changes made behind the models' back (raw
#: SQL, bulk imports), which send no signal.
MAX_AGE = 3600
#: The longest a process keeps its own copy of a part (the "local" cache, when the shared
#: one is Redis) before reading it from Redis again.
LOCAL_MAX_AGE = 300


def current_token(request=None):
    """The token the cached parts are valid for (read once per `request`), or None."""
    if request is not None and hasattr(request, "_chrome_token"):
        return request._chrome_token
    token = (
        ChromeVersion.objects.filter(pk=ChromeVersion.SCOPE).values_list("token", flat=True).first()
    )
    if request is not None:
        request._chrome_token = token
    return token


def _local_cache():
    return caches["local"] if "local" in settings.CACHES else None


def _read(key):
    """What is kept under `key`: the process's own copy, else the shared cache's."""
    local = _local_cache()
    found = local.get(key) if local is not None else None
    if found is None:
        found = cache.get(key)
        if found is not None and local is not None:
            local.set(key, found, LOCAL_MAX_AGE)
    return found


def _write(key, found):
    cache.set(key, found, MAX_AGE)
    local = _local_cache()
    if local is not None:
        local.set(key, found, LOCAL_MAX_AGE)


def cached(request, name, parts, compute, tagged=True, keep_none=True, fresh=None):
    """`compute()` (a value the cache can pickle), kept under `name` and `parts` (any
    str-able values: the key names a digest of them) until the next change of the chrome.
    The answer is tagged with what the computation loaded, also when it comes from the
    cache (unless not `tagged`). A None is not kept when not `keep_none`. A kept value for
    which `fresh(value)` is false (one that a moment has made old) is computed again."""
    if getattr(request, "is_preview", False):
        return compute()  # a draft shown to its editor: neither read nor kept
    token = current_token(request)
    if token is None:
        return compute()
    digest = hashlib.blake2b(repr([str(part) for part in parts]).encode(), digest_size=16)
    key = f"chrome:{name}:{token.hex}:{digest.hexdigest()}"
    found = _read(key)
    if found is not None and (fresh is None or fresh(found[0])):
        value, tags = found
        add_tags(*tags)
        return value
    # Wagtail's own cache of the sites' root paths, rebuilt outside the capture: rebuilding
    # it loads every site's home page, which this part does not show.
    Site.get_site_root_paths()
    with captured_tags(passed_on=tagged) as tags:
        value = compute()
    if value is not None or keep_none:
        _write(key, (value, sorted(tags) if tagged else []))
    return value


def until_expired(value):
    """For `cached(..., fresh=until_expired)`: a kept dict is old once the moment in its
    "expires" (None: none) has come, for example when an article dated ahead comes out or an
    open consultation closes (nothing is saved then, so the token stays)."""
    return value["expires"] is None or value["expires"] > timezone.now()


def kept_html(request, name, parts, render):
    """The HTML of `render()`, which gives {"html": ..., "expires": moment or None}, kept
    with the page frame for the language and `parts` until that moment (a section that
    time alone changes: a consultation closing, an event ending, a new day)."""
    parts = (translation.get_language(), *parts)
    return cached(request, name, parts, render, fresh=until_expired)["html"]


def replace_token():
    """A new token: every cached part is computed again on its next use."""
    ChromeVersion.objects.bulk_create(
        [ChromeVersion(scope=ChromeVersion.SCOPE, token=uuid.uuid4())],
        update_conflicts=True,
        unique_fields=["scope"],
        update_fields=["token"],
    )


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if is_bookkeeping_save(update_fields):
        return
    replace_token()


def on_change(sender, raw=False, **kwargs):
    if not raw:
        replace_token()


def on_page_change(sender, instance, **kwargs):
    if isinstance(instance, Page):
        replace_token()


#: Models whose saves and deletions can change the chrome, besides pages; apps add theirs
#: with `watch` (the menu and the footer: cms.navigation). The view restrictions and the
#: collections are what the core's visibility rule reads (cms.core.visibility): a page or
#: a collection of documents made private disappears from every kept part at once.
WATCHED = [PageViewRestriction, CollectionViewRestriction, Collection, Site, Locale]


def watch(*models):
    """Replace the token whenever an object of `models` is saved or deleted."""
    for model in models:
        uid = f"chrome-{model._meta.label_lower}"
        post_save.connect(on_change, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(on_change, sender=model, dispatch_uid=f"{uid}-deleted")


def connect():
    post_save.connect(on_page_saved, dispatch_uid="chrome-page-saved")
    post_delete.connect(on_page_change, dispatch_uid="chrome-page-deleted")
    page_published.connect(on_page_change, dispatch_uid="chrome-page-published")
    page_unpublished.connect(on_page_change, dispatch_uid="chrome-page-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="chrome-page-moved")
    watch(*WATCHED)
