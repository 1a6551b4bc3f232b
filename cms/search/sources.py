"""The search app's own kind: a page that no app's search source names is found as a
"page". Every other kind, and its label, comes from the manifest of the app it belongs to."""

from django.utils.translation import gettext_lazy as _

from cms.core.search_sources import SearchSource

PAGES = SearchSource(kind="pages", label=_("Pages"), order=90, page_models=("wagtailcore.page",))


def kind_label(source):
    return source.label or source.kind
