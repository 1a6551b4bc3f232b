"""How the news index scales: SQL queries and render time with N articles (default 10 and 1,000).

Runs against a database that holds the demo (the articles are added inside a transaction and
rolled back), e.g. after `manage.py migrate && manage.py load_demo` on that database:

    DJANGO_SETTINGS_MODULE=cms.settings.test DATABASE_URL=sqlite:////tmp/demo.sqlite3 \\
        .venv/bin/python bench/news_index.py 10 1000
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
from taggit.models import Tag  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402

from cms.news.tests.factories import (  # noqa: E402
    bulk_articles,
    make_category,
    make_index,
    path,
)

HOST = {"host": "ternopil.localhost"}
RUNS = 20


class Rollback(Exception):
    pass


def measure(count):
    client = Client()
    try:
        with transaction.atomic():
            index = make_index("ternopil", "uk", slug="bench-news", per_page=12)
            category = make_category("bench", "Бенчмарк", "uk")
            tag, _ = Tag.objects.get_or_create(name="бенчмарк", slug="benchmark")
            image = get_image_model().objects.first()
            bulk_articles(index, count, image=image, category=category, tag=tag)
            base = path(index)
            last_page = (count + 11) // 12
            for query in ("", f"?page={last_page}", "?category=bench&tag=benchmark&year=2026"):
                url = base + query
                assert client.get(url, headers=HOST).status_code == 200
                with CaptureQueriesContext(connection) as queries:
                    client.get(url, headers=HOST)
                query_count = len(queries)
                timings = []
                for _ in range(RUNS):
                    start = time.perf_counter()
                    client.get(url, headers=HOST)
                    timings.append((time.perf_counter() - start) * 1000)
                timings.sort()
                print(
                    f"{count:>6} articles  {query or '(first page)':<42} "
                    f"{query_count:>3} queries  median {statistics.median(timings):6.1f} ms  "
                    f"p90 {timings[int(RUNS * 0.9) - 1]:6.1f} ms"
                )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    print(f"database: {connection.vendor}, {RUNS} renders each after a warm-up")
    for count in [int(arg) for arg in sys.argv[1:]] or [10, 1000]:
        measure(count)
