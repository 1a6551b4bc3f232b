"""The public search page: `/<language>/search/?q=...`."""

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.models import Site

from cms.core.pagination import page_links
from cms.core.search_sources import DEFAULT_RESULT_TEMPLATE, search_sources
from cms.core.sites import profile_for_request
from cms.search.engine import run_search
from cms.search.highlight import highlight_title, snippet
from cms.search.sources import kind_label

MAX_QUERY_CHARS = 200
FALLBACK_CACHE_SECONDS = 0
RESULTS_CACHE_SECONDS = 60


def clean_query(value):
    """The query as typed, without control characters, at most MAX_QUERY_CHARS long."""
    value = "".join(ch if ch.isprintable() else " " for ch in value[: MAX_QUERY_CHARS * 4])
    return " ".join(value.split())[:MAX_QUERY_CHARS]


def _link(base, **params):
    return base + "?" + urlencode({key: value for key, value in params.items() if value})


def _results(outcome, language_names, site):
    sources = {source.kind: source for source in search_sources(site)}
    results = []
    for entry in outcome.entries:
        source = sources.get(entry.kind)
        results.append(
            {
                "entry": entry,
                "title": highlight_title(entry.title, entry.language, outcome.wanted),
                "snippet": snippet(entry.text, entry.language, outcome.wanted),
                "kind_label": kind_label(source) if source else entry.kind,
                "language_name": language_names.get(entry.language, entry.language),
                "template": source.result_template if source else DEFAULT_RESULT_TEMPLATE,
            }
        )
    return results


@require_safe
def search(request):
    profile = profile_for_request(request)
    language = translation.get_language()
    site = Site.find_for_request(request)
    if site is None or not profile.serves(language):
        raise Http404
    query = clean_query(request.GET.get("q", ""))
    all_languages = request.GET.get("languages") == "all" and len(profile.languages) > 1
    kinds = {source.kind for source in search_sources(site)}
    kind = request.GET.get("kind", "")
    kind = kind if kind in kinds else ""
    languages = profile.languages if all_languages else (language,)
    outcome = run_search(
        query=query,
        site=site,
        languages=languages,
        kind=kind,
        page_number=request.GET.get("page", 1),
    )
    names = dict(settings.LANGUAGES)
    base = request.path
    scope = "all" if all_languages else ""
    page = outcome.page
    context = {
        "query": query,
        "outcome": outcome,
        "results": _results(outcome, names, site),
        "all_languages": all_languages,
        "multilingual": len(profile.languages) > 1,
        "language_name": names.get(language, language),
        "searched": bool(outcome.wanted),
        "kind": kind,
        "all_kinds_url": _link(base, q=query, languages=scope),
        "facets": [
            {**facet, "url": _link(base, q=query, languages=scope, kind=facet["kind"])}
            for facet in outcome.facets
        ],
        "all_languages_url": _link(base, q=query, languages="all", kind=kind),
        "this_language_url": _link(base, q=query, kind=kind),
    }
    if page is not None:
        context.update(page_links(page, {"q": query, "languages": scope, "kind": kind}, on_ends=2))
    response = TemplateResponse(request, "search/search_page.html", context)
    seconds = FALLBACK_CACHE_SECONDS if outcome.fallback else RESULTS_CACHE_SECONDS
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    if query:
        response["X-Robots-Tag"] = "noindex"
    return response
