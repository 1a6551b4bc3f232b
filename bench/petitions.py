"""How a petition's page scales: SQL queries and render time with N signatures (default 10
and 100,000, spread over 60 days), and the list of petitions beside it.

Runs against a database that holds the demo (the petition and its signatures are added
inside a transaction and rolled back), e.g. after `manage.py migrate && manage.py load_demo`
on that database:

    DJANGO_SETTINGS_MODULE=cms.settings.test DATABASE_URL=sqlite:////tmp/demo.sqlite3 \\
        .venv/bin/python bench/petitions.py 10 100000
"""

import sys
import time

from common import RUNS, rolled_back, time_page
from django.db import connection
from django.test import Client

from plugins.petitions.tests.reading import (
    add_signatures,
    index_for,
    list_path,
    make_petition,
    make_user,
    path_of,
)


def measure(count):
    client = Client()
    with rolled_back():
        index = index_for("ternopil", "uk")
        petition = make_petition(index, "collecting", title="Бенчмарк петиції")
        signers = [make_user(f"Підписант {n}") for n in range(min(count, 150))]
        started = time.perf_counter()
        add_signatures(petition, count, days=60, users=signers)
        filled = time.perf_counter() - started
        print(f"{count:>7} signatures stored in {filled:6.1f} s")
        for label, url in (
            ("petition page", path_of(petition)),
            ("list", list_path(index)),
            ("list ?status=collecting", list_path(index) + "?status=collecting"),
        ):
            queries, median, p90 = time_page(client, url)
            print(
                f"{count:>7} signatures  {label:<26} {queries:>3} queries  "
                f"median {median:6.1f} ms  p90 {p90:6.1f} ms"
            )


if __name__ == "__main__":
    print(f"database: {connection.vendor}, {RUNS} renders each after a warm-up")
    for count in [int(arg) for arg in sys.argv[1:]] or [10, 100_000]:
        measure(count)
