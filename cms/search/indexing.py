"""Writing the search index: SearchEntry rows and every search backend.

A row exists only for what an anonymous reader of a site may see (`cms.search.items` says
what that is; `cms.search.sync` and `cms.search.rebuild` call this module). The rows are
written with plain queries; the backends are then told explicitly, and a backend that fails
(Elasticsearch down) leaves the rows marked `index_pending` for a retry (`process_pending`),
so saving content never fails because of the search index.
"""

import logging
from datetime import datetime, time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.search.items import MAX_TEXT
from cms.search.lemmas import lemmatize
from cms.search.models import SearchEntry

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "wagtail.search.backends.database"
BACKEND_DOWN_KEY = "search:backend-down"
BACKEND_DOWN_SECONDS = 30


# Backends -----------------------------------------------------------------------------


def backend_names():
    """Every configured backend, plus the database one (kept as the fallback)."""
    configured = getattr(settings, "WAGTAILSEARCH_BACKENDS", {"default": {}})
    names = list(configured)
    if not any(_is_database(name) for name in names):
        names.append(DATABASE_BACKEND)
    return names


def _is_database(name):
    conf = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get(name)
    path = conf.get("BACKEND", DATABASE_BACKEND) if conf else name
    return ".database" in path


def database_backend():
    for name in backend_names():
        if _is_database(name):
            return get_search_backend(name)
    return get_search_backend(DATABASE_BACKEND)


def push(entries, retrying=False):
    """Send `entries` to every backend; mark them pending where an external one failed
    (or is known to be down: then it is not waited for again until a retry)."""
    entries = list(entries)
    if not entries:
        return True
    ok = True
    for name in backend_names():
        external = not _is_database(name)
        if external and cache.get(BACKEND_DOWN_KEY) and not retrying:
            ok = False
            continue
        try:
            get_search_backend(name).add_bulk(SearchEntry, entries)
        except Exception:
            if not external:
                raise
            logger.warning("Search backend %r unreachable; indexing will be retried", name)
            cache.set(BACKEND_DOWN_KEY, True, BACKEND_DOWN_SECONDS)
            ok = False
    SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).update(index_pending=not ok)
    return ok


def forget(entries):
    """Remove `entries` from the backends and the table. An external backend that misses
    the deletion cannot show them: results are always loaded from the table."""
    entries = list(entries)
    for name in backend_names():
        for entry in entries:
            try:
                get_search_backend(name).delete(entry)
            except Exception:
                if _is_database(name):
                    raise
                logger.warning("Search backend %r unreachable while deleting", name)
                break
    SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()


def process_pending(limit=500):
    """Retry indexing of pending entries; returns how many are still pending."""
    pending = list(SearchEntry.objects.filter(index_pending=True).order_by("pk")[:limit])
    if pending:
        push(pending, retrying=True)
    return SearchEntry.objects.filter(index_pending=True).count()


# Writing entries ----------------------------------------------------------------------


def entry_key(obj):
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model, for_concrete_model=False), obj.pk


def _entry_values(item, kind):
    moment = item.date
    if moment is not None and not isinstance(moment, datetime):
        moment = timezone.make_aware(datetime.combine(moment, time(12)))
    text = (item.text or "").replace("\x00", " ")[:MAX_TEXT]
    return {
        "site_id": item.site_id,
        "language": item.language,
        "kind": kind,
        "title": item.title[:500],
        "text": text,
        "url": item.url[:1000],
        "date": moment,
        "title_lemmas": lemmatize(item.title, item.language),
        "lemmas": lemmatize(text, item.language),
    }


def store_items(obj, items, kind):
    """Make the entries of `obj` exactly one per (site, language) of `items`: an object
    listed on several language versions of a page is found in each language, under that
    version's URL (the first item of a site and language counts). Entries of places no
    longer in `items` are removed. Returns the entries kept."""
    content_type, object_id = entry_key(obj)
    existing = {
        (entry.site_id, entry.language): entry
        for entry in SearchEntry.objects.filter(content_type=content_type, object_id=object_id)
    }
    kept = {}
    for item in items:
        place = (item.site_id, item.language)
        if place in kept:
            continue
        values = _entry_values(item, kind)
        entry = existing.pop(place, None)
        if entry is None:
            entry = SearchEntry.objects.create(
                content_type=content_type, object_id=object_id, **values
            )
        else:
            for name, value in values.items():
                setattr(entry, name, value)
            entry.save()
        kept[place] = entry
    forget(existing.values())
    return list(kept.values())


def store(obj, item, kind):
    """Create or update the one entry of `obj` (None `item`: remove it); returns it."""
    entries = store_items(obj, [] if item is None else [item], kind)
    return entries[0] if entries else None
