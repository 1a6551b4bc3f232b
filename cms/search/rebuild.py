"""Rebuilding every SearchEntry from the content (after a deployment, a site change or
on demand), with progress reports for long runs."""

from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.core.search_sources import search_sources
from cms.core.sites import site_roots
from cms.core.visibility import public_pages
from cms.search import indexing
from cms.search.items import page_item, page_kind, page_kinds
from cms.search.models import SearchEntry
from cms.search.tasks import read_document_text

CHUNK = 500


def _chunks(queryset, size):
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last_pk = batch[-1].pk


def rebuild(progress=None, extract=True, chunk=CHUNK):
    """Write the entries of every findable page and source object, push them to the
    backends and drop entries of what is no longer findable. `progress(label, done, total)`
    is called after each chunk."""
    report = progress or (lambda label, done, total: None)
    roots, kinds = site_roots(), page_kinds()
    kept = set()

    pages = public_pages(Page.objects.filter(depth__gte=2))
    total, done = pages.count(), 0
    for batch in _chunks(pages, chunk):
        entries = []
        for page in Page.objects.filter(pk__in=[p.pk for p in batch]).specific():
            entry = indexing.store(
                page, page_item(page, roots), page_kind(page, kinds)
            )
            if entry is not None:
                entries.append(entry)
                kept.add(entry.pk)
        indexing.push(entries)
        done += len(batch)
        report("pages", done, total)

    document_model = get_document_model()
    for source in search_sources():
        if not source.model or source.queryset is None:
            continue
        objects = source.queryset()
        total, done = objects.count(), 0
        for batch in _chunks(objects, chunk):
            entries = []
            for obj in batch:
                if extract and isinstance(obj, document_model):
                    read_document_text(obj)
                stored = indexing.store_items(obj, list(source.items(obj) or []), source.kind)
                entries.extend(stored)
                kept.update(entry.pk for entry in stored)
            indexing.push(entries)
            done += len(batch)
            report(source.kind, done, total)

    stale = SearchEntry.objects.exclude(pk__in=kept)
    removed = stale.count()
    if removed:
        indexing.forget(stale)
    return len(kept), removed
