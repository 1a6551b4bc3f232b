"""How the news index scales: SQL queries and render time with N articles (default 10 and 1,000).

Runs against a database that holds the demo (the articles are added inside a transaction and
rolled back), e.g. after `manage.py migrate && manage.py load_demo` on that database:

    DJANGO_SETTINGS_MODULE=cms.settings.test DATABASE_URL=sqlite:////tmp/demo.sqlite3 \\
        .venv/bin/python bench/news_index.py 10 1000
"""

import sys

from common import RUNS, rolled_back, time_page
from django.db import connection
from django.test import Client
from taggit.models import Tag
from wagtail.images import get_image_model

from cms.news.tests.factories import bulk_articles, make_category, make_index, path


def measure(count):
    client = Client()
    with rolled_back():
        index = make_index("ternopil", "uk", slug="bench-news", per_page=12)
        category = make_category("bench", "Бенчмарк", "uk")
        tag, _ = Tag.objects.get_or_create(name="бенчмарк", slug="benchmark")
        image = get_image_model().objects.first()
        bulk_articles(index, count, image=image, category=category, tag=tag)
        base = path(index)
        last_page = (count + 11) // 12
        for query in ("", f"?page={last_page}", "?category=bench&tag=benchmark&year=2026"):
            query_count, median, p90 = time_page(client, base + query)
            print(
                f"{count:>6} articles  {query or '(first page)':<42} "
                f"{query_count:>3} queries  median {median:6.1f} ms  p90 {p90:6.1f} ms"
            )


if __name__ == "__main__":
    print(f"database: {connection.vendor}, {RUNS} renders each after a warm-up")
    for count in [int(arg) for arg in sys.argv[1:]] or [10, 1000]:
        measure(count)
