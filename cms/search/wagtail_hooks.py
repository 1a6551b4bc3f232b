from django.urls import path
from wagtail import hooks

from cms.core.extensions import PUBLIC_URLS
from cms.core.search_sources import SEARCH_SOURCES
from cms.search import views
from cms.search.sources import core_sources

for _source in core_sources():
    hooks.register(SEARCH_SOURCES, lambda source=_source: source)


@hooks.register(PUBLIC_URLS)
def search_urls():
    return [path("search/", views.search, name="search")]
