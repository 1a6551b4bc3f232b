"""Keeps the search index fresh: pages on publish, unpublish, delete, move and view
restriction changes; objects of registered sources (documents...) on save and delete;
documents when their collection's view restrictions change."""

import logging
from functools import cache

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.search_sources import search_sources
from cms.search import sync, tasks

logger = logging.getLogger(__name__)


@cache
def source_models():
    return {source.model.lower() for source in search_sources() if source.model}


def on_page_published(sender, instance, **kwargs):
    sync.sync_page(instance)


def on_page_unpublished(sender, instance, **kwargs):
    sync.sync_page(instance)


def on_page_moved(sender, instance, **kwargs):
    sync.sync_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    sync.sync_subtree(page)


def on_collection_restriction_changed(sender, instance, raw=False, **kwargs):
    """A collection made private (or public again): its documents and those of the
    collections below it leave (or re-enter) the index."""
    if raw:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    documents = get_document_model().objects.filter(collection__path__startswith=collection.path)
    for document in documents.iterator():
        sync.sync_object(document)


def on_saved(sender, instance, raw=False, **kwargs):
    if raw or sender._meta.label_lower not in source_models():
        return
    sync.sync_object(instance)
    if isinstance(instance, get_document_model()):
        try:
            transaction.on_commit(lambda: tasks.extract_document_text.enqueue(instance.pk))
        except Exception:
            logger.exception("Could not queue text extraction for %s", instance.pk)


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        sync.remove_page(instance)
    elif sender._meta.label_lower in source_models():
        sync.remove_object(instance)


def connect():
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_d"
    )
    post_save.connect(
        on_collection_restriction_changed,
        sender=CollectionViewRestriction,
        dispatch_uid="search_collection_restriction",
    )
    post_delete.connect(
        on_collection_restriction_changed,
        sender=CollectionViewRestriction,
        dispatch_uid="search_collection_restriction_d",
    )
    post_save.connect(on_saved, dispatch_uid="search_object_saved")
    post_delete.connect(on_deleted, dispatch_uid="search_object_deleted")
