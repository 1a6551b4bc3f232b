"""How the document archive scales: SQL queries and render time with N documents.

Run against a database that holds the demo (it adds documents inside a transaction and rolls
them back):

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/archive_listing.py 10 1000 10000
"""

import os
import statistics
import sys
import time

import django

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from cms.archive.tests.factories import bulk_documents  # noqa: E402

PATHS = ["/sk/archiv/", "/sk/archiv/?page=3", "/sk/archiv/?type=plan&sort=title"]
HOST = {"host": "banska-bystrica.localhost"}


class Rollback(Exception):
    pass


def measure(count):
    client = Client()
    try:
        with transaction.atomic():
            bulk_documents("banska-bystrica", count, prefix="Bench")
            client.get(PATHS[0], headers=HOST)
            for path in PATHS:
                reset_queries()
                with CaptureQueriesContext(connection) as queries:
                    client.get(path, headers=HOST)
                query_count = len(queries.captured_queries)
                timings = []
                for _ in range(5):
                    start = time.perf_counter()
                    response = client.get(path, headers=HOST)
                    timings.append((time.perf_counter() - start) * 1000)
                print(
                    f"{count:>6} documents  {path:<36} status {response.status_code}  "
                    f"{query_count:>2} queries  "
                    f"median {statistics.median(timings):6.1f} ms"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    for count in [int(arg) for arg in sys.argv[1:]] or [10, 1000]:
        measure(count)
