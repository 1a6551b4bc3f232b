"""How a plan page and its exports scale: SQL queries and render time with N commitments
(4 milestones each, one of them cancelled).

Run against a database that holds the demo (it adds a plan inside a transaction and rolls it
back):

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 \
        .venv/bin/python bench/actionplans_plan_page.py 5 200 1000
"""

import datetime
import sys

from common import rolled_back, time_page
from django.test import Client

from cms.actionplans.tests.factories import (
    DOING,
    DONE,
    DROPPED,
    TODO,
    make_commitment,
    make_institution,
    make_plan,
)


def measure(count):
    client = Client()
    slug = f"bench-{count}"
    paths = [
        f"/uk/{slug}/",
        f"/uk/{slug}/?status=delayed",
        f"/uk/{slug}/data/json/",
        f"/uk/{slug}/data/csv/",
    ]
    rows = []
    with rolled_back():
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
        for path in paths:
            query_count, median, _ = time_page(client, path, runs=5)
            rows.append((count, path.split(slug)[1] or "/", query_count, median))
    return rows


if __name__ == "__main__":
    print(f"{'commitments':>11}  {'path':<16} {'queries':>7}  {'median ms':>9}")
    for n in [int(arg) for arg in sys.argv[1:]] or [5, 200]:
        for count, path, queries, median in measure(n):
            print(f"{count:>11}  {path:<16} {queries:>7}  {median:>9.1f}")
