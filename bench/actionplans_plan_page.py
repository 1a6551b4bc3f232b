"""How a plan page and its exports scale: SQL queries and render time with N commitments
(4 milestones each, one of them cancelled).

Run against a database that holds the demo (it adds a plan inside a transaction and rolls it
back):

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 \
        .venv/bin/python bench/actionplans_plan_page.py 5 200 1000
"""

import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms.actionplans.tests.factories import (  # noqa: E402
    DOING,
    DONE,
    DROPPED,
    TODO,
    make_commitment,
    make_institution,
    make_plan,
)

HOST = {"host": "ternopil.localhost"}


class Rollback(Exception):
    pass


def measure(count):
    import datetime

    client = Client()
    slug = f"bench-{count}"
    paths = [
        f"/uk/{slug}/",
        f"/uk/{slug}/?status=delayed",
        f"/uk/{slug}/data/json/",
        f"/uk/{slug}/data/csv/",
    ]
    rows = []
    try:
        with transaction.atomic():
            plan = make_plan(slug=slug)
            lead, partner = make_institution("Bench lead"), make_institution("Bench partner")
            day = datetime.date(2022, 6, 30)
            for index in range(count):
                make_commitment(
                    plan,
                    f"B-{index:04d}",
                    [(DONE, 1, day), (DOING, 2, day, 40), (TODO, 1, day), (DROPPED, 1, day)],
                    institution=lead,
                    partner=partner,
                )
            client.get(paths[0], headers=HOST)
            for path in paths:
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as queries:
                    client.get(path, headers=HOST)
                query_count = len(queries)
                times = []
                for _ in range(5):
                    start = time.perf_counter()
                    client.get(path, headers=HOST)
                    times.append(time.perf_counter() - start)
                rows.append(
                    (count, path.split(slug)[1] or "/", query_count, statistics.median(times))
                )
            raise Rollback
    except Rollback:
        pass
    return rows


if __name__ == "__main__":
    print(f"{'commitments':>11}  {'path':<16} {'queries':>7}  {'median ms':>9}")
    for n in [int(arg) for arg in sys.argv[1:]] or [5, 200]:
        for count, path, queries, seconds in measure(n):
            print(f"{count:>11}  {path:<16} {queries:>7}  {seconds * 1000:>9.1f}")
