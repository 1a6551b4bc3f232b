"""The news index: filters from the query string, facets and pagination.

Any query string gives a normal page or a 404: values that are malformed or unknown match
no article, and an out-of-range or malformed page number is a 404.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.images.models import Filter

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


def news_listing(index, request):
    """The template context of the news index for `request`."""
    page_number = _page_number(request)
    filters = read_filters(request)
    published = index.articles()
    known = facets(index)
    used, translations = index.categories_for(known["category_ids"])
    categories = {category.slug: category for category in localized_categories(used, translations)}
    tags = {tag.slug: tag for tag in tags_of(known["tags"])}
    years = known["years"]

    articles, selected = _apply(published, filters, categories, tags)
    images = get_image_model().objects.prefetch_renditions(*LISTING_IMAGE_SPECS)
    articles = articles.prefetch_related(Prefetch("image", queryset=images), "categories")
    per_page = index.per_page or 12
    if filters:
        paginator = Paginator(articles, per_page)
    else:
        paginator = _CountedPaginator(articles, per_page, known["count"])
    try:
        page = paginator.page(page_number)
    except InvalidPage:
        raise Http404 from None
    page.object_list = list(page.object_list)
    for article in page.object_list:
        article.shown_categories = localized_categories(article.categories.all(), translations)

    kept = {name: value for name, value in filters.items() if name in selected}
    return {
        "articles": page,
        "paginator": paginator,
        **page_links(page, kept),
        "filters": kept,
        "filtered": bool(kept),
        "selected": selected,
        "categories": list(categories.values()),
        "tags": list(tags.values()),
        "years": years,
        "feeds": feed_links(index, request, selected.get("category")),
        "index_url": index.get_url(request),
    }
