"""The news index's filter choices (categories, tags, years) and its article count, computed
once per change and kept in the cache (Redis in production).

Each of them reads every article of the newsroom; they change only when an article is
published, withdrawn, moved, deleted or saved, or when a category, a tag or a view
restriction changes. Every such change writes a new random token for the newsroom (or for
all newsrooms) in `NewsListingVersion`, in the same transaction as the change, and the
cache key carries the tokens: the next request computes the facets again, and a change
that is rolled back takes its token with it. A live article whose publication date is
still ahead shows up at that moment without any save: the entry expires then.
"""

import datetime
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

#: The token row that every newsroom's key carries (categories, tags, restrictions).
EVERY_INDEX = 0
#: The longest an entry is kept: a safety net for changes made behind the models' back
#: (raw SQL, bulk imports), which send no signal.
MAX_AGE = 3600
# Saves that only keep the books of drafts and revisions: nothing a reader sees changes.
BOOKKEEPING_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "search_vector",
}


def bump(*index_ids):
    """New tokens for the newsrooms `index_ids` (`EVERY_INDEX` for all of them)."""
    from cms.news.models import NewsListingVersion

    NewsListingVersion.objects.bulk_create(
        [NewsListingVersion(index_id=pk, token=uuid.uuid4()) for pk in set(index_ids)],
        update_conflicts=True,
        unique_fields=["index_id"],
        update_fields=["token"],
    )


def cache_key(index):
    """The key of `index`'s facets: its own id and translation key (ids can come back after
    a rollback) and the tokens of the newsroom and of every newsroom (one query)."""
    from cms.news.models import NewsListingVersion

    tokens = dict(
        NewsListingVersion.objects.filter(index_id__in=[index.pk, EVERY_INDEX]).values_list(
            "index_id", "token"
        )
    )
    own, every = tokens.get(index.pk, "-"), tokens.get(EVERY_INDEX, "-")
    return f"news-facets:{index.pk}:{index.translation_key}:{own}:{every}"


def compute(index):
    """The facets of `index` from the database: what every article of it uses."""
    from cms.news.models import NewsCategory, NewsPage

    now = timezone.now()
    published = index.articles()
    article_ids = published.values("pk")
    tags = Tag.objects.filter(news_newspagetag_items__content_object__in=article_ids)
    next_publication = (
        NewsPage.objects.child_of(index)
        .live()
        .filter(publication_date__gt=now)
        .order_by("publication_date")
        .values_list("publication_date", flat=True)
        .first()
    )
    return {
        "category_ids": sorted(
            NewsCategory.objects.filter(news_pages__in=article_ids)
            .order_by()
            .values_list("pk", flat=True)
            .distinct()
        ),
        "tags": list(tags.distinct().order_by("name").values_list("pk", "name", "slug")),
        "years": [date.year for date in published.dates("publication_date", "year", "DESC")],
        "count": published.count(),
        "expires": next_publication,
    }


def facets(index):
    """{category_ids, tags: [(pk, name, slug)], years, count} of `index`, from the cache
    when nothing changed since they were computed."""
    key = cache_key(index)
    found = cache.get(key)
    if found is not None and (found["expires"] is None or found["expires"] > timezone.now()):
        return found
    found = compute(index)
    timeout = MAX_AGE
    if found["expires"] is not None:
        ahead = (found["expires"] - timezone.now()) / datetime.timedelta(seconds=1)
        timeout = max(1, min(MAX_AGE, int(ahead) + 1))
    cache.set(key, found, timeout)
    return found


def categories_for(index, category_ids):
    """(the categories `category_ids`, {translation key: live category in the index's
    language}) in one query."""
    from cms.news.models import NewsCategory

    in_language = Q(locale_id=index.locale_id, live=True)
    rows = list(NewsCategory.objects.filter(in_language | Q(pk__in=category_ids)))
    wanted = set(category_ids)
    translations = {c.translation_key: c for c in rows if c.locale_id == index.locale_id and c.live}
    return [c for c in rows if c.pk in wanted], translations


def tags_of(rows):
    return [Tag(pk=pk, name=name, slug=slug) for pk, name, slug in rows]


# Signals: what bumps which token.


def _is_article(page):
    return page.content_type_id == ContentType.objects.get_for_model(_article_model()).pk


def _article_model():
    from cms.news.models import NewsPage

    return NewsPage


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
    if update_fields and set(update_fields) <= BOOKKEEPING_FIELDS:
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
        bump(EVERY_INDEX)


def connect():
    from cms.news.models import NewsCategory

    post_save.connect(on_page_saved, dispatch_uid="news-facets-page-saved")
    post_delete.connect(on_page_deleted, dispatch_uid="news-facets-page-deleted")
    page_published.connect(on_page_published, dispatch_uid="news-facets-published")
    page_unpublished.connect(on_page_published, dispatch_uid="news-facets-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="news-facets-moved")
    for model in (NewsCategory, Tag, PageViewRestriction):
        uid = model._meta.label_lower
        post_save.connect(on_shared_change, sender=model, dispatch_uid=f"news-facets-{uid}-s")
        post_delete.connect(on_shared_change, sender=model, dispatch_uid=f"news-facets-{uid}-d")
