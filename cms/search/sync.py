"""Keeping the index in step with one page, branch or object as it changes (called by the
signal handlers and tasks); never raises, so publishing goes on when indexing fails."""

import logging

from django.db import transaction
from wagtail.models import Page

from cms.core.sites import site_roots
from cms.search.indexing import entry_key, forget, push, store, store_items
from cms.search.items import page_item, page_kind, page_kinds, source_for_object
from cms.search.models import SearchEntry

logger = logging.getLogger(__name__)


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


def sync_object(obj):
    """Bring the entries of one non-page object of a registered source up to date (one per
    site and language its source lists it in); returns them."""
    source = source_for_object(obj)
    if source is None:
        return []
    try:
        with transaction.atomic():
            entries = store_items(obj, list(source.items(obj) or []), source.kind)
        push(entries)
        return entries
    except Exception:
        logger.exception("Could not index %s %s", obj._meta.label, obj.pk)
        return []


def remove_object(obj):
    try:
        content_type, object_id = entry_key(obj)
        forget(SearchEntry.objects.filter(content_type=content_type, object_id=object_id))
    except Exception:
        logger.exception("Could not remove %s %s from the search index", obj._meta.label, obj.pk)
