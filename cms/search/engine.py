"""Running a public search: lemmatised query, site and language filters, kind facets,
pagination, editors' promotions, and the fallback to the database backend when an
external backend (Elasticsearch) does not answer."""

import logging
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText
from wagtail.search.utils import normalise_query_string

from cms.core.search_sources import search_sources
from cms.core.visibility import public_pages
from cms.search import indexing
from cms.search.lemmas import query_lemmas, words
from cms.search.models import SearchEntry
from cms.search.sources import kind_label

logger = logging.getLogger(__name__)

PER_PAGE = 10
MAX_PAGE = 100
FIELDS = ["title_lemmas", "lemmas"]


@dataclass
class Outcome:
    """What the search page shows."""

    query: str
    languages: tuple
    kind: str = ""
    total: int = 0
    total_all: int = 0
    facets: list = field(default_factory=list)
    page: object = None
    entries: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    wanted: frozenset = frozenset()
    fallback: bool = False


def build_query(groups):
    parts = [
        PlainText(next(iter(group)))
        if len(group) == 1
        else Or([PlainText(w) for w in sorted(group)])
        for group in groups
    ]
    return parts[0] if len(parts) == 1 else And(parts)


def wanted_words(query, groups):
    found = {word.lower() for _, _, word in words(query[:1000])}
    for group in groups:
        found |= group
    return frozenset(found)


def fts5_expression(groups):
    """An FTS5 MATCH expression; lemmas hold only word characters, so quoting is safe."""
    parts = []
    for group in groups:
        terms = " OR ".join(f'"{word}"' for word in sorted(group))
        parts.append(f"({terms})" if len(group) > 1 else terms)
    return "{body} : (" + " AND ".join(parts) + ")"


class _Counted:
    """Search results whose total is already known from the facet counts, so that the
    paginator does not run the search once more to count it."""

    def __init__(self, results, total):
        self.results, self.total = results, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        return list(self.results[window])


class _Windowed(_Counted):
    """Matches whose counts by kind and one window of ids come from one query,
    `window(start, stop)` -> (counts, ids); asked first for `first` (start, stop)."""

    def __init__(self, window, first):
        self.window, self.first = window, first
        self.counts, self.ids = window(*first)
        super().__init__(None, 0)

    def slice(self, start, stop):
        if start == self.first[0] and stop <= self.first[1]:
            return self.ids[: stop - start]
        return self.window(start, stop)[1]

    def __getitem__(self, window):
        return self.slice(window.start or 0, window.stop)


def _first_window(page_number, size=PER_PAGE):
    try:
        page_number = min(max(int(page_number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        page_number = 1
    start = (page_number - 1) * PER_PAGE
    return start, start + size


#: The full-text matches first, then their index rows and entries. CROSS JOIN makes SQLite
#: keep that order: left to choose, its planner may walk every index row of the entries
#: and run the full-text match once for each (seconds at 50,000 entries).
FTS_FIRST = (
    "wagtailsearch_indexentry_fts f "
    "CROSS JOIN wagtailsearch_indexentry ie ON ie.id = f.rowid "
    "CROSS JOIN search_searchentry se ON se.id = CAST(ie.object_id AS INTEGER)"
)


def _run_sqlite(groups, base, kind, page_number):
    """Wagtail's SQLite backend ranks each match in a correlated subquery (seconds at
    50,000 entries); FTS5 ranks them natively. One scan of the matches counts them by kind
    and gives the page shown in rank order."""
    from django.contrib.contenttypes.models import ContentType

    filters_sql, filter_params = base.values("pk").query.sql_with_params()
    content_type = ContentType.objects.get_for_model(SearchEntry).pk
    matches = (
        "SELECT se.id, se.kind, bm25(wagtailsearch_indexentry_fts) "  # nosec B608  # filters_sql: Django-compiled, values are params
        f"FROM {FTS_FIRST} "
        "WHERE wagtailsearch_indexentry_fts MATCH %s AND ie.content_type_id = %s "
        f"AND se.id IN ({filters_sql})"
    )
    params = [fts5_expression(groups), content_type, *filter_params]
    only_kind = "WHERE kind = %s" if kind else ""

    def window(start, stop):
        sql = (
            f"WITH m (id, kind, rank) AS MATERIALIZED ({matches}) "  # nosec B608  # as above
            "SELECT * FROM (SELECT kind, COUNT(*), NULL FROM m GROUP BY kind) UNION ALL "
            f"SELECT * FROM (SELECT NULL, NULL, id FROM m {only_kind} "
            "ORDER BY rank, id DESC LIMIT %s OFFSET %s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *([kind] if kind else []), stop - start, start])
            rows = cursor.fetchall()
        counts = Counter({k: n for k, n, _ in rows if k is not None})
        return counts, [pk for k, _, pk in rows if k is None]

    results = _Windowed(window, _first_window(page_number))
    counts = results.counts
    results.total = counts.get(kind, 0) if kind else sum(counts.values())
    page = Paginator(results, PER_PAGE).get_page(page_number)
    ids = list(page.object_list)
    loaded = SearchEntry.objects.in_bulk(ids)
    return counts, page, [loaded[pk] for pk in ids if pk in loaded]


#: How many matches PostgreSQL ranks at most (a multiple of PER_PAGE): those whose title has
#: every word, then the newest; the rest follow unranked, newest first.
CANDIDATES = 200


class _CandidatesRanked(_Windowed):
    """The matches in PostgreSQL, in the order the search shows them: the first
    `CANDIDATES` of the cheap order (title matches, then the newest) ranked by Wagtail's rank
    expression, then the rest in the cheap order. `window(start, stop)` gives (counts by
    kind, ids in the cheap order from `start` to `stop`) in one scan of the matches;
    `ranked(ids)` orders ids by rank."""

    def __init__(self, window, ranked, first):
        self.ranked = ranked
        super().__init__(window, first)

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        ids = []
        if start < CANDIDATES:
            candidates = self.slice(0, CANDIDATES)
            ids = self.ranked(candidates)[start : min(stop, CANDIDATES)]
        if stop > CANDIDATES:
            ids += self.slice(max(start, CANDIDATES), stop)
        return ids


def _run_postgres(groups, search_query, base, kind, page_number):
    """Wagtail's PostgreSQL backend matches on `title || body`, which no index covers, counts
    the facets through the ranked query and ranks every match (ts_rank over each matching
    body: 0.3 s for 9,000 matches). Here a match is each word group found in the title or
    the body (the same rows: a lexeme is in `title || body` exactly when it is in one of
    them), which the GIN indexes of both columns answer; one scan of the matches counts
    them by kind and picks the page in the cheap order (`_CandidatesRanked`), and Wagtail's
    own rank expression orders at most `CANDIDATES` of them: the same results as ranking
    them all whenever a query matches fewer."""
    from functools import reduce
    from operator import and_

    from django.db.models import BooleanField, ExpressionWrapper, F, Q

    backend = indexing.database_backend()
    compiler = backend.search(search_query, base).query_compiler
    config = compiler.get_config(backend)
    rank = compiler._build_rank_expression(compiler.get_index_vectors(None), config)
    matched, in_title = [], []
    for group in groups:
        words_query = compiler.build_tsquery(build_query([group]), config=config)
        matched.append(Q(_title_vector=words_query) | Q(_body_vector=words_query))
        in_title.append(Q(_title_vector=words_query))
    vectors = {"_title_vector": F("index_entries__title"), "_body_vector": F("index_entries__body")}
    matches = (
        base.annotate(**vectors)
        .filter(reduce(and_, matched))
        .annotate(_in_title=ExpressionWrapper(reduce(and_, in_title), output_field=BooleanField()))
        .order_by()
        .values_list("pk", "kind", "date", "_in_title")
    )
    matches_sql, matches_params = matches.query.sql_with_params()
    only_kind = "WHERE kind = %s" if kind else ""

    def window(start, stop):
        sql = (
            f"WITH m (id, kind, date, in_title) AS MATERIALIZED ({matches_sql}) "  # nosec B608  # Django-compiled, values are parameters
            "SELECT kind, COUNT(*), NULL FROM m GROUP BY kind UNION ALL "
            f"(SELECT NULL, NULL, id FROM m {only_kind} "
            "ORDER BY in_title DESC, date DESC NULLS LAST, id DESC LIMIT %s OFFSET %s)"
        )
        params = [*matches_params, *([kind] if kind else []), stop - start, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        counts = Counter({k: n for k, n, _ in rows if k is not None})
        return counts, [pk for k, _, pk in rows if k is None]

    def ranked(ids):
        found = (
            SearchEntry.objects.filter(pk__in=ids)
            .annotate(**vectors)
            .order_by(rank.desc(), "-pk")
            .values_list("pk", flat=True)
        )
        return list(found)

    first = _first_window(page_number)
    if first[0] < CANDIDATES:
        first = (0, CANDIDATES)
    results = _CandidatesRanked(window, ranked, first)
    counts = results.counts
    results.total = counts.get(kind, 0) if kind else sum(counts.values())
    page = Paginator(results, PER_PAGE).get_page(page_number)
    ids = list(page.object_list)
    loaded = SearchEntry.objects.in_bulk(ids)
    return counts, page, [loaded[pk] for pk in ids if pk in loaded]


_fts = {}


def _sqlite_fts_available():
    from django.db import connection

    if connection.vendor != "sqlite":
        return False
    if connection.alias not in _fts:
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        _fts[connection.alias] = fts5_available() and fts_table_exists()
    return _fts[connection.alias]


def _run(backend, search_query, base, kind, page_number, with_fields):
    options = {"fields": FIELDS} if with_fields else {}
    results = backend.search(search_query, base, **options)
    counts = Counter(dict(results.facet("kind")))
    if kind:
        results = backend.search(search_query, base.filter(kind=kind), **options)
    total = counts[kind] if kind else sum(counts.values())
    page = Paginator(_Counted(results, total), PER_PAGE).get_page(page_number)
    return counts, page, list(page.object_list)


def run_search(*, query, site, languages, kind="", page_number=1):
    """Search `site` in `languages` (a tuple of language codes)."""
    outcome = Outcome(query=query, languages=tuple(languages), kind=kind)
    groups = query_lemmas(query, languages)
    if not groups:
        return outcome
    outcome.wanted = wanted_words(query, groups)
    search_query = build_query(groups)
    sources = search_sources(site)  # a plugin off on this site has no results here
    base = SearchEntry.objects.filter(
        site_id=site.pk, language__in=languages, kind__in=[source.kind for source in sources]
    )
    try:
        page_number = min(max(int(page_number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        page_number = 1

    backend = get_search_backend()
    external = ".database" not in type(backend).__module__
    counts = page = entries = None
    if external and not cache.get(indexing.BACKEND_DOWN_KEY):
        try:
            counts, page, entries = _run(backend, search_query, base, kind, page_number, True)
        except Exception:
            logger.warning("Search backend failed; answering from the database", exc_info=True)
            cache.set(indexing.BACKEND_DOWN_KEY, True, indexing.BACKEND_DOWN_SECONDS)
    if page is None:
        outcome.fallback = external
        if _sqlite_fts_available():
            counts, page, entries = _run_sqlite(groups, base, kind, page_number)
        elif connection.vendor == "postgresql":
            counts, page, entries = _run_postgres(groups, search_query, base, kind, page_number)
        else:
            counts, page, entries = _run(
                indexing.database_backend(), search_query, base, kind, page_number, False
            )

    labels = {source.kind: kind_label(source) for source in sources}
    outcome.facets = [
        {"kind": k, "label": labels.get(k, k), "count": counts[k], "selected": k == kind}
        for k in sorted(counts, key=lambda k: list(labels).index(k) if k in labels else 99)
        if counts[k]
    ]
    outcome.total_all = sum(counts.values())
    outcome.total = page.paginator.count
    outcome.page = page
    outcome.entries = entries
    if page.number == 1 and not kind:
        outcome.promotions = promotions(query, site, languages)
    return outcome


MAX_MATCHED_OBJECTS = 1000


def _matched_sqlite(groups, base, limit):
    from django.contrib.contenttypes.models import ContentType

    filters_sql, filter_params = base.values("pk").query.sql_with_params()
    content_type = ContentType.objects.get_for_model(SearchEntry).pk
    sql = (
        f"SELECT se.object_id FROM {FTS_FIRST} "  # nosec B608  # filters_sql: Django-compiled, values are params
        "WHERE wagtailsearch_indexentry_fts MATCH %s AND ie.content_type_id = %s "
        f"AND se.id IN ({filters_sql}) "
        "ORDER BY bm25(wagtailsearch_indexentry_fts), se.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [fts5_expression(groups), content_type, *filter_params, limit])
        return [row[0] for row in cursor.fetchall()]


def _matched_postgres(groups, search_query, base, limit):
    from functools import reduce
    from operator import and_

    from django.db.models import F, Q

    backend = indexing.database_backend()
    compiler = backend.search(search_query, base).query_compiler
    config = compiler.get_config(backend)
    rank = compiler._build_rank_expression(compiler.get_index_vectors(None), config)
    matched = []
    for group in groups:
        words_query = compiler.build_tsquery(build_query([group]), config=config)
        matched.append(Q(_title_vector=words_query) | Q(_body_vector=words_query))
    matches = base.annotate(
        _title_vector=F("index_entries__title"), _body_vector=F("index_entries__body")
    ).filter(reduce(and_, matched))
    return list(matches.order_by(rank.desc(), "-pk").values_list("object_id", flat=True)[:limit])


def matched_object_ids(*, query, site, languages, kind, model, limit=MAX_MATCHED_OBJECTS):
    """The ids of the `model` objects of search kind `kind` on `site` that `query` finds
    (inflected forms included), best match first, at most `limit` of them: for listings
    that filter their own objects by the site search's matches (the archive's text filter).
    Answers from the database when the external backend is down, as `run_search` does."""
    from django.contrib.contenttypes.models import ContentType

    groups = query_lemmas(query, languages)
    if not groups:
        return []
    search_query = build_query(groups)
    base = SearchEntry.objects.filter(
        site_id=site.pk,
        language__in=languages,
        kind=kind,
        content_type=ContentType.objects.get_for_model(model),
    )
    backend = get_search_backend()
    if ".database" not in type(backend).__module__ and not cache.get(indexing.BACKEND_DOWN_KEY):
        try:
            found = backend.search(search_query, base, fields=FIELDS)[:limit]
            return [entry.object_id for entry in found]
        except Exception:
            logger.warning("Search backend failed; answering from the database", exc_info=True)
            cache.set(indexing.BACKEND_DOWN_KEY, True, indexing.BACKEND_DOWN_SECONDS)
    if _sqlite_fts_available():
        return _matched_sqlite(groups, base, limit)
    if connection.vendor == "postgresql":
        return _matched_postgres(groups, search_query, base, limit)
    found = indexing.database_backend().search(search_query, base)[:limit]
    return [entry.object_id for entry in found]


def promotions(query, site, languages):
    """Editors' picks for this query that are live, public pages of `site` in `languages`
    (a promotion is global in Wagtail; pages of other sites are left out)."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    normalised = normalise_query_string(query)
    if not normalised:
        return []
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalised, page__isnull=False)
        .select_related("page", "page__locale")
        .order_by("sort_order")
    )
    if not picks:
        return []
    roots = [
        root
        for root in site.root_page.get_translations(inclusive=True)
        if root.locale.language_code in languages
    ]
    allowed = set()
    for root in roots:
        allowed |= set(
            public_pages(Page.objects.descendant_of(root, inclusive=True))
            .filter(pk__in=[pick.page_id for pick in picks])
            .values_list("pk", flat=True)
        )
    kept = []
    for pick in picks:
        if pick.page_id in allowed:
            parts = pick.page.get_url_parts()
            if parts is not None:
                kept.append({"title": pick.page.title, "url": parts[2], "pick": pick})
    return kept
