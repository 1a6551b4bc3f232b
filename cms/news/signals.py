"""What replaces which newsroom's facet token (cms.news.facets): an article published,
withdrawn, moved, deleted or saved replaces its newsroom's; a category, a tag or a view
restriction replaces the token every newsroom carries. Connected by the app's `ready`."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.models import is_bookkeeping_save
from cms.news.models import NewsCategory, NewsListingVersion, NewsPage


def bump(*index_ids):
    """New tokens for the newsrooms `index_ids` (`EVERY_INDEX` for all of them)."""
    NewsListingVersion.objects.bulk_create(
        [NewsListingVersion(index_id=pk, token=uuid.uuid4()) for pk in set(index_ids)],
        update_conflicts=True,
        unique_fields=["index_id"],
        update_fields=["token"],
    )


def _is_article(page):
    return page.content_type_id == ContentType.objects.get_for_model(NewsPage).pk


def _parent_ids(*paths):
    parents = {path[: -Page.steplen] for path in paths if path and len(path) > Page.steplen}
    return list(Page.objects.filter(path__in=parents).values_list("pk", flat=True))


def _article_changed(page, *paths):
    if page.content_type_id and _is_article(page):
        ids = _parent_ids(page.path, *paths)
        if ids:
            bump(*ids)


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page):
        return
    if is_bookkeeping_save(update_fields):
        return
    _article_changed(instance)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _article_changed(instance)


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _article_changed(instance)


def on_page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if _is_article(instance):
        bump(parent_page_before.pk, parent_page_after.pk)


def on_shared_change(sender, instance, raw=False, **kwargs):
    """A category, a tag or a view restriction: any newsroom may show it."""
    if not raw:
        bump(NewsListingVersion.EVERY_INDEX)


def connect():
    post_save.connect(on_page_saved, dispatch_uid="news-facets-page-saved")
    post_delete.connect(on_page_deleted, dispatch_uid="news-facets-page-deleted")
    page_published.connect(on_page_published, dispatch_uid="news-facets-published")
    page_unpublished.connect(on_page_published, dispatch_uid="news-facets-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="news-facets-moved")
    for model in (NewsCategory, Tag, PageViewRestriction):
        uid = model._meta.label_lower
        post_save.connect(on_shared_change, sender=model, dispatch_uid=f"news-facets-{uid}-s")
        post_delete.connect(on_shared_change, sender=model, dispatch_uid=f"news-facets-{uid}-d")
