"""Search sources: what each installed app puts into the site search.

One search covers everything. An app says which of its content is found and under which
kind (the facet a citizen filters by) with a `SearchSource` in its manifest
(`Contributions(search_sources=...)`, see cms.core.manifest):

    SearchSource(kind="events", label=_("Events"), order=50, page_models=("events.EventPage",))

Pages are found through their own `search_fields`; `page_models` only names their kind
(pages of no registered kind are found as plain "pages"). Content that is not a page names
its `model` and gives `items(obj) -> list[SearchItem]` (an empty list when the object must
not be found: private, unpublished...) and `queryset() -> iterable` of the objects to index.
The search app (`cms.search`) asks this registry; it never asks which apps exist. A plugin's
sources count only on the sites that enable the plugin (`search_sources(site)`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from cms.core.manifest import app_enabled, contributed

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
    """A kind of searchable content. `label` is translatable and plural ("News"): the
    facet's name (the kind itself when left out)."""

    kind: str
    label: object = None
    order: int = 100
    page_models: tuple = ()
    model: str | None = None
    items: object = None
    queryset: object = None
    result_template: str = DEFAULT_RESULT_TEMPLATE
    extra: dict = field(default_factory=dict)


def search_sources(site=None):
    """The declared sources by `order`, a later app's source of the same kind winning; with
    `site`, only those of apps enabled on it."""
    by_kind = {}
    for app_label, source in contributed("search_sources"):
        if site is None or app_enabled(site, app_label):
            by_kind[source.kind] = source
    return sorted(by_kind.values(), key=lambda source: (source.order, source.kind))


def source_for_kind(kind):
    return next((source for source in search_sources() if source.kind == kind), None)
