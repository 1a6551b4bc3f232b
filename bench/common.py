"""What the page benchmarks share. Importing it sets Django up (cms.settings.test unless
DJANGO_SETTINGS_MODULE says otherwise; the database from DATABASE_URL, one that holds the
demo), so a benchmark imports it before anything that needs the models:

    from common import TERNOPIL, rolled_back, time_page
"""

import os
import statistics
import sys
import time
from contextlib import contextmanager

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

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


def count_queries(client, url, headers=TERNOPIL):
    """The SQL queries of one request for `url` (counted as they run: Django empties its
    own query log at the start of each request)."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url, headers=headers)
    return len(queries)


def time_page(client, url, headers=TERNOPIL, runs=RUNS):
    """(SQL queries, median ms, p90 ms) of rendering `url`: one warm-up render (it must
    answer 200), one whose queries are counted, then `runs` timed ones."""
    assert client.get(url, headers=headers).status_code == 200, url
    queries = count_queries(client, url, headers)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url, headers=headers)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return queries, statistics.median(timings), timings[int(runs * 0.9) - 1]


def timed(function, repeat=3):
    """The median time in seconds of calling `function` `repeat` times."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
