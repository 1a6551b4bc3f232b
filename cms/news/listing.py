"""The news index: filters from the query string, facets and pagination.

Any query string gives a normal page or a 404: values that are malformed or unknown match
no article, and an out-of-range or malformed page number is a 404.
"""

import re
from functools import partial

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Prefetch
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

from cms.core.chrome import cached, until_expired
from cms.core.extensions import listing_item_metas_ahead
from cms.core.pagination import page_links
from cms.news.categories import localized_categories
from cms.news.facets import facets, tags_of
from cms.news.feeds import feed_links

FILTERS = ("category", "tag", "year")
MAX_VALUE_LENGTH = 100
# The renditions of an article card's picture: the same specs as in article_card.html.
LISTING_IMAGE_SPECS = Filter.expand_spec("fill-{320x180,480x270,960x540} format-{webp,jpeg}")
_SLUG = re.compile(r"^[-\w]+$")
_YEAR = re.compile(r"^[0-9]{4}$")
_PAGE = re.compile(r"^[0-9]{1,6}$")


def read_filters(request):
    """The filter values of the query string, stripped; unknown parameters are ignored."""
    values = {}
    for name in FILTERS:
        value = request.GET.get(name, "").strip()
        if value:
            values[name] = value[: MAX_VALUE_LENGTH + 1]
    return values


def _apply(articles, filters, categories, tags):
    """`articles` narrowed by `filters`; a value that names nothing matches nothing."""
    valid = True
    selected = {}
    if "category" in filters:
        category = categories.get(filters["category"])
        valid &= category is not None
        selected["category"] = category
        if category is not None:
            articles = articles.filter(
                categories__translation_key=category.translation_key
            ).distinct()
    if "tag" in filters:
        tag = tags.get(filters["tag"])
        valid &= tag is not None
        selected["tag"] = tag
        if tag is not None:
            articles = articles.filter(tagged_items__tag=tag)
    if "year" in filters:
        year = filters["year"]
        valid &= bool(_YEAR.match(year))
        selected["year"] = year if _YEAR.match(year) else None
        if _YEAR.match(year):
            articles = articles.filter(publication_date__year=int(year))
    return (articles if valid else articles.none()), selected


def _page_number(request):
    raw = request.GET.get("page", "1").strip() or "1"
    if not _PAGE.match(raw):
        raise Http404
    return int(raw)


class _CountedPaginator(Paginator):
    """A paginator whose total is already known (the newsroom's cached count)."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def _compute(index, request, filters, page_number):
    """The part of the listing that only the database decides: the filter choices, what
    the filters select, the count and the page's articles (their cards' fields)."""
    published = index.articles(request)
    known = facets(index)
    used, translations = index.categories_for(known["category_ids"])
    categories = {category.slug: category for category in localized_categories(used, translations)}
    tags = {tag.slug: tag for tag in tags_of(known["tags"])}

    articles, selected = _apply(published, filters, categories, tags)
    images = get_image_model().objects.prefetch_renditions(*LISTING_IMAGE_SPECS)
    articles = articles.defer("body").prefetch_related(
        Prefetch("image", queryset=images), "categories"
    )
    per_page = index.per_page or 12
    if filters:
        paginator = Paginator(articles, per_page)
    else:
        paginator = _CountedPaginator(articles, per_page, known["count"])
    try:
        page = paginator.page(page_number)
    except InvalidPage:
        raise Http404 from None
    shown = list(page.object_list)
    for article in shown:
        article.shown_categories = localized_categories(article.categories.all(), translations)
        if article.image is not None:
            # Made now if missing, so that the kept copy carries every rendition it shows.
            get_renditions_or_not_found(article.image, LISTING_IMAGE_SPECS)
    return {
        "articles": shown,
        "count": paginator.count,
        "per_page": per_page,
        "selected": selected,
        "categories": list(categories.values()),
        "tags": list(tags.values()),
        "years": known["years"],
        "expires": known["expires"],
    }


def _cached_listing(index, request, filters, page_number):
    """(`_compute`, whether it is kept): kept with the page frame (cms.core.chrome: every
    page change, and every category or tag change, replaces its token) for the newsroom,
    its filters and the page number. Filters that name nothing the newsroom has are not
    kept (any text can be asked for): they are checked against the unfiltered listing's
    choices."""

    def kept(filters, page_number):
        compute = partial(_compute, index, request, filters, page_number)
        parts = [
            index.pk,
            page_number,
            *(f"{name}={value}" for name, value in sorted(filters.items())),
        ]
        return cached(request, "news-listing", parts, compute, fresh=until_expired)

    if not filters:
        return kept(filters, page_number), True
    choices = kept({}, 1)
    known = {
        "category": {category.slug for category in choices["categories"]},
        "tag": {tag.slug for tag in choices["tags"]},
        "year": {str(year) for year in choices["years"]},
    }
    if all(value in known[name] for name, value in filters.items()):
        return kept(filters, page_number), True
    return _compute(index, request, filters, page_number), False


def latest_articles(index, request, count):
    """The `count` newest articles of `index` (fewer when a page of its listing shows
    fewer), from the kept first page of its listing: the same cards, with their pictures."""
    listing, _ = _cached_listing(index, request, {}, 1)
    return listing["articles"][:count]


def news_listing(index, request):
    """The template context of the news index for `request`."""
    page_number = _page_number(request)
    filters = read_filters(request)
    listing, is_kept = _cached_listing(index, request, filters, page_number)
    paginator = _CountedPaginator([], listing["per_page"], listing["count"])
    page = Page(listing["articles"], paginator.validate_number(page_number), paginator)
    selected = listing["selected"]
    kept = {name: value for name, value in filters.items() if name in selected}
    metas = listing_item_metas_ahead(page.object_list, request)
    return {
        # What the kept content (news_index_page.html) shows besides the page frame; None
        # (not kept) when the filters name nothing.
        "kept_as": "\x00".join(
            [str(page_number), *(f"{k}={v}" for k, v in sorted(kept.items()))]
            + [str(listing["count"]), *metas]
        )
        if is_kept
        else None,
        "articles": page,
        "paginator": paginator,
        **page_links(page, kept),
        "filters": kept,
        "filtered": bool(kept),
        "selected": selected,
        "categories": listing["categories"],
        "tags": listing["tags"],
        "years": listing["years"],
        "feeds": feed_links(index, request, selected.get("category")),
        "index_url": index.get_url(request),
    }
