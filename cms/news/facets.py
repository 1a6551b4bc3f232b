"""The news index's filter choices (categories, tags, years) and its article count, computed
once per change and kept in the cache (Redis in production).

Each of them reads every article of the newsroom; they change only when an article is
published, withdrawn, moved, deleted or saved, or when a category, a tag or a view
restriction changes. Every such change writes a new random token for the newsroom (or for
all newsrooms) in `NewsListingVersion`, in the same transaction as the change, and the
cache key carries the tokens (written by cms.news.signals): the next request computes the
facets again, and a change that is rolled back takes its token with it. A live article
whose publication date is still ahead shows up at that moment without any save: the entry
expires then. The facets read the newsroom through its page's methods only.
"""

import datetime

from django.core.cache import cache
from django.utils import timezone
from taggit.models import Tag

#: The longest an entry is kept: a safety net for changes made behind the models' back
#: (raw SQL, bulk imports), which send no signal.
MAX_AGE = 3600


def cache_key(index):
    """The key of `index`'s facets: its own id and translation key (ids can come back after
    a rollback) and the tokens of the newsroom and of every newsroom (one query)."""
    own, every = index.listing_tokens()
    return f"news-facets:{index.pk}:{index.translation_key}:{own}:{every}"


def compute(index):
    """The facets of `index` from the database: what every article of it uses."""
    published = index.articles()
    article_ids = published.values("pk")
    tags = Tag.objects.filter(news_newspagetag_items__content_object__in=article_ids)
    return {
        "category_ids": sorted(
            index.categories_used_by(article_ids).order_by().values_list("pk", flat=True)
        ),
        "tags": list(tags.distinct().order_by("name").values_list("pk", "name", "slug")),
        "years": [date.year for date in published.dates("publication_date", "year", "DESC")],
        "count": published.count(),
        "expires": index.next_publication(),
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


def tags_of(rows):
    return [Tag(pk=pk, name=name, slug=slug) for pk, name, slug in rows]
