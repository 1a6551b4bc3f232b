"""What the benchmarks share. Importing it sets Django up (cms.settings.test unless
DJANGO_SETTINGS_MODULE says otherwise; the database from DATABASE_URL), so a benchmark
imports it before anything that needs the models:

    from common import TERNOPIL, rolled_back, time_page

A benchmark that builds its own data imports `own_database` just before it (a throwaway
SQLite database unless DATABASE_URL names one); one that defaults to other settings sets
DJANGO_SETTINGS_MODULE (`os.environ.setdefault`) before importing it.
"""

import io
import os
import re
import statistics
import sys
import time
import tomllib
from contextlib import contextmanager
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

#: The demo's Ternopil site, as request headers.
TERNOPIL = {"host": "ternopil.localhost"}
#: Timed renders of a page (after one warm-up and one counted render).
RUNS = 20


class _Rollback(Exception):
    pass


@contextmanager
def rolled_back():
    """Run the block in a transaction that is rolled back at its end: what a benchmark
    adds to the demo database is gone afterwards."""
    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


def prepare_database(demo=False):
    """Migrate the database and, with `demo`, load the demo into it (only what is missing),
    both quietly."""
    call_command("migrate", "--noinput", verbosity=0)
    if demo:
        call_command("load_demo", stdout=io.StringIO())


@contextmanager
def recorded_queries():
    """The SQL queries run inside the block, as a list of (seconds, sql), recorded as they
    run (Django empties its own query log at the start of each request)."""
    queries = []

    def record(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - started, sql))

    with connection.execute_wrapper(record):
        yield queries


def count_queries(client, url, headers=TERNOPIL):
    """The number of SQL queries of one request for `url`."""
    with recorded_queries() as queries:
        client.get(url, headers=headers)
    return len(queries)


def timings(function, runs):
    """The wall times in milliseconds of `runs` calls of `function`, shortest first."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)


def percentile(times, share):
    """The nearest-rank percentile (`share` 0.9 for p90) of `times`, sorted shortest first."""
    return times[max(0, int(len(times) * share) - 1)]


def time_page(client, url, headers=TERNOPIL, runs=RUNS, share=0.9):
    """(SQL queries, median ms, p90 ms or the `share` percentile) of rendering `url`: one
    warm-up render (it must answer 200), one whose queries are counted, then `runs` timed
    ones."""
    response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.status_code)
    queries = count_queries(client, url, headers)
    times = timings(lambda: client.get(url, headers=headers), runs)
    return queries, statistics.median(times), percentile(times, share)


def timed(function, repeat=3):
    """The median time in seconds of calling `function` `repeat` times."""
    return statistics.median(timings(function, repeat)) / 1000


def local_path(url):
    """`url` without its scheme and host (a page's URL is absolute where several sites
    share the database)."""
    return re.sub(r"^https?://[^/]+", "", url)


def seed_sentences():
    """Sentences of the demo content per language, from fixtures/content/**.toml."""
    sentences = {"uk": [], "sk": [], "bg": [], "en": []}

    def walk(value, language=None):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, key if key in sentences else language)
        elif isinstance(value, list):
            for item in value:
                walk(item, language)
        elif isinstance(value, str) and language and len(value) > 20:
            for sentence in value.replace("\n", " ").split(". "):
                if len(sentence.split()) >= 4:
                    sentences[language].append(sentence.strip())

    for path in (ROOT / "fixtures" / "content").rglob("*.toml"):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return sentences
