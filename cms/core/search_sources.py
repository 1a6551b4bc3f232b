"""Search sources: what each installed app puts into the site search.

One search covers everything. An app says which of its content is found and under which
kind (the facet a citizen filters by) by registering a `SearchSource` in its
`wagtail_hooks.py` (or `AppConfig.ready()`):

    from cms.core.search_sources import SearchSource, register_search_source

    register_search_source(SearchSource(kind="events", order=50, page_models=("events.EventPage",)))

Pages are found through their own `search_fields`; `page_models` only names their kind
(pages of no registered kind are found as plain "pages"). Content that is not a page names
its `model` and gives `items(obj) -> list[SearchItem]` (an empty list when the object must
not be found: private, unpublished...) and `queryset() -> iterable` of the objects to index.
The search app (`cms.search`) asks this registry; it never asks which apps exist.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from wagtail import hooks

SEARCH_SOURCES = "hromada_search_sources"
DEFAULT_RESULT_TEMPLATE = "search/result.html"


@dataclass(frozen=True)
class SearchItem:
    """One findable thing in one language of one site. `url` is the path on that site."""

    site_id: int
    language: str
    title: str
    text: str
    url: str
    date: date | datetime | None = None


@dataclass(frozen=True)
class SearchSource:
    """A kind of searchable content. `label` is translatable and plural ("News"); left
    out, the search app names the common kinds itself (pages, news, documents, plans,
    consultations, events)."""

    kind: str
    label: object = None
    order: int = 100
    page_models: tuple = ()
    model: str | None = None
    items: object = None
    queryset: object = None
    result_template: str = DEFAULT_RESULT_TEMPLATE
    extra: dict = field(default_factory=dict)


def register_search_source(source):
    """Register `source` (same as `hooks.register(SEARCH_SOURCES, lambda: source)`)."""
    hooks.register(SEARCH_SOURCES, lambda: source)
    return source


def search_sources():
    """The registered sources by `order`, the last registration of a kind winning."""
    by_kind = {}
    for fn in hooks.get_hooks(SEARCH_SOURCES):
        source = fn()
        by_kind[source.kind] = source
    return sorted(by_kind.values(), key=lambda source: (source.order, source.kind))


def source_for_kind(kind):
    return next((source for source in search_sources() if source.kind == kind), None)
