"""How the document archive scales: SQL queries and render time with N documents.

Run against a database that holds the demo (it adds documents inside a transaction and rolls
them back):

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 .venv/bin/python bench/archive_listing.py 10 1000 10000
"""

import sys

from common import rolled_back, time_page
from django.test import Client

from cms.archive.tests.factories import bulk_documents

PATHS = ["/sk/archiv/", "/sk/archiv/?page=3", "/sk/archiv/?type=plan&sort=title"]
HOST = {"host": "banska-bystrica.localhost"}


def measure(count):
    client = Client()
    with rolled_back():
        bulk_documents("banska-bystrica", count, prefix="Bench")
        for path in PATHS:
            query_count, median, _ = time_page(client, path, HOST, runs=5)
            print(
                f"{count:>6} documents  {path:<36} status 200  {query_count:>2} queries  "
                f"median {median:6.1f} ms"
            )


if __name__ == "__main__":
    for count in [int(arg) for arg in sys.argv[1:]] or [10, 1000]:
        measure(count)
