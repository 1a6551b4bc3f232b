"""Keeps SearchEntry rows, and every search backend, in step with the public content.

A row exists only for what an anonymous reader of a site may see: live, public pages under
one of the site's root translations, and what registered sources return items for. The
rows are written with plain queries; the backends are then told explicitly, and a backend
that fails (Elasticsearch down) leaves the rows marked `index_pending` for a retry
(`process_pending`), so saving content never fails because of the search index.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.index import RelatedFields, SearchField

from cms.core.search_sources import SearchItem, search_sources
from cms.core.visibility import is_public
from cms.search.lemmas import lemmatize
from cms.search.models import SearchEntry

logger = logging.getLogger(__name__)

DATABASE_BACKEND = "wagtail.search.backends.database"
PAGE_KIND = "pages"
MAX_TEXT = 100_000
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


# Sites and pages ----------------------------------------------------------------------


def site_roots():
    """{path of each root translation: site}, deepest first."""
    roots = {}
    for site in Site.objects.select_related("root_page"):
        for root in site.root_page.get_translations(inclusive=True).only("path"):
            roots[root.path] = site
    return dict(sorted(roots.items(), key=lambda item: -len(item[0])))


def site_for_page(page, roots=None):
    for path, site in (roots if roots is not None else site_roots()).items():
        if page.path.startswith(path):
            return site
    return None


def page_kinds():
    kinds = {}
    for source in search_sources():
        for label in source.page_models:
            kinds[label.lower()] = source.kind
    return kinds


def page_kind(page, kinds=None):
    kinds = page_kinds() if kinds is None else kinds
    for cls in type(page).__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is not None and meta.label_lower in kinds:
            return kinds[meta.label_lower]
    return PAGE_KIND


def _text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_text(item) for item in value.values())
    return strip_tags(force_str(value))


def _field_texts(obj, fields):
    for field in fields:
        if isinstance(field, SearchField) and field.field_name != "title":
            yield _text(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            related = related.all() if hasattr(related, "all") else [related]
            for item in related:
                yield from _field_texts(item, field.fields)


def page_text(page):
    """The searchable text of a page from its own `search_fields`, intro first."""
    parts = [page.search_description or ""]
    parts.extend(_field_texts(page, page.get_search_fields()))
    seen, kept = set(), []
    for part in parts:
        part = " ".join(part.split())
        if part and part not in seen:
            seen.add(part)
            kept.append(part)
    return "\n".join(kept)[:MAX_TEXT]


def page_item(page, roots=None):
    """The SearchItem of a specific page, or None when readers may not find it."""
    if not page.live or page.depth < 2:
        return None
    site = site_for_page(page, roots)
    if site is None or not is_public(page):
        return None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    return SearchItem(
        site_id=site.pk,
        language=page.locale.language_code,
        title=page.title,
        text=page_text(page),
        url=url_parts[2],
        date=getattr(page, "publication_date", None) or page.last_published_at,
    )


# Writing entries ----------------------------------------------------------------------


def entry_key(obj):
    model = Page if isinstance(obj, Page) else type(obj)
    return ContentType.objects.get_for_model(model, for_concrete_model=False), obj.pk


def _entry_values(item, kind):
    from datetime import datetime, time

    from django.utils import timezone

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


def store(obj, item, kind):
    """Create or update the entry of `obj` (None `item`: remove it); returns the entry."""
    content_type, object_id = entry_key(obj)
    existing = SearchEntry.objects.filter(content_type=content_type, object_id=object_id)
    if item is None:
        forget(existing)
        return None
    values = _entry_values(item, kind)
    entry = existing.first()
    if entry is None:
        entry = SearchEntry.objects.create(content_type=content_type, object_id=object_id, **values)
    else:
        for name, value in values.items():
            setattr(entry, name, value)
        entry.save()
    return entry


def sync_page(page, roots=None, kinds=None, push_now=True):
    """Bring the entry of one page up to date; never raises (publishing must go on)."""
    try:
        with transaction.atomic():
            page = page.specific
            entry = store(page, page_item(page, roots), page_kind(page, kinds))
        if entry is not None and push_now:
            push([entry])
        return entry
    except Exception:
        logger.exception("Could not index page %s", page.pk)
        return None


def sync_subtree(page):
    """The page and its descendants: after unpublishing, moving or restricting a branch."""
    roots, kinds = site_roots(), page_kinds()
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        sync_page(descendant, roots, kinds)


def remove_page(page):
    try:
        content_type, object_id = entry_key(page)
        forget(SearchEntry.objects.filter(content_type=content_type, object_id=object_id))
    except Exception:
        logger.exception("Could not remove page %s from the search index", page.pk)


def source_for_object(obj):
    label = obj._meta.label_lower
    for source in search_sources():
        if source.model and source.model.lower() == label:
            return source
    return None


def sync_object(obj):
    """Bring the entry of one non-page object of a registered source up to date."""
    source = source_for_object(obj)
    if source is None:
        return None
    try:
        with transaction.atomic():
            items = list(source.items(obj) or [])
            entry = store(obj, items[0] if items else None, source.kind)
        if entry is not None:
            push([entry])
        return entry
    except Exception:
        logger.exception("Could not index %s %s", obj._meta.label, obj.pk)
        return None


def remove_object(obj):
    try:
        content_type, object_id = entry_key(obj)
        forget(SearchEntry.objects.filter(content_type=content_type, object_id=object_id))
    except Exception:
        logger.exception("Could not remove %s %s from the search index", obj._meta.label, obj.pk)
