"""Where the uncached time of a page goes: cProfile over requests through Django's test
client, with the settings and database the environment points at (production settings on
PostgreSQL with the large data set: bench/production.py leaves them in var/bench/).

    set -a; . var/production.env; set +a     # or the environment of bench/production.py
    .venv/bin/python bench/profile_pages.py [--runs 20] [--top 25] [PATH ...]

Without paths: an article in the middle of the Ternopil news and its news index. Each path
is requested once to warm up, then `--runs` times unprofiled (the median) and `--runs` times
under the profiler; prints the SQL query count and time of one request, the median, the load
average and the top functions by cumulative and by own time.
"""

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import time
from functools import partial

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from common import local_path, recorded_queries, timings  # noqa: E402  (sets Django up)
from django.test import Client  # noqa: E402
from wagtail.models import Site  # noqa: E402

from cms.news.models import NewsIndexPage, NewsPage  # noqa: E402


def shorten(sql):
    """The SQL without its long column list: what it reads, joins, filters and orders."""
    return re.sub(r"^SELECT (DISTINCT )?.{200,}? FROM ", r"SELECT \1... FROM ", sql)[:900]


def loadavg():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def default_paths(site):
    root = site.root_page
    articles = NewsPage.objects.live().descendant_of(root).order_by("path")
    article = articles[articles.count() // 2]
    index = NewsIndexPage.objects.live().descendant_of(root).first()
    return [local_path(page.get_url()) for page in (article, index)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--host", default="")
    args = parser.parse_args()
    site = (
        Site.objects.get(hostname=args.host)
        if args.host
        else Site.objects.get(hostname__startswith="ternopil")
    )
    # As nginx asks (proxy_set_header Accept-Encoding gzip): GZipMiddleware's time included.
    client = Client(headers={"host": site.hostname, "accept-encoding": "gzip"})
    for path in args.paths or default_paths(site):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        with recorded_queries() as queries:
            started = time.perf_counter()
            client.get(path)
            single = time.perf_counter() - started
        query_time = sum(seconds for seconds, _ in queries)
        median = statistics.median(timings(partial(client.get, path), args.runs))
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        for _ in range(args.runs):
            client.get(path)
        profile.disable()
        profiled = (time.perf_counter() - started) / args.runs
        print(f"## {path}\n")
        print(
            f"One request: {single * 1000:.1f} ms, {len(queries)} SQL queries taking "
            f"{query_time * 1000:.1f} ms (as Django reports them); median of {args.runs} "
            f"unprofiled requests {median:.1f} ms; under the profiler "
            f"{profiled * 1000:.1f} ms a request. Load average {loadavg()}.\n"
        )
        print("Slowest queries:\n\n```")
        for seconds, sql in sorted(queries, reverse=True)[:5]:
            print(f"{seconds * 1000:7.1f} ms  {shorten(sql)}")
        print("```\n")
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            stats = pstats.Stats(profile, stream=out).strip_dirs().sort_stats(order)
            stats.print_stats(args.top)
            text = out.getvalue()
            print(f"By {order} time:\n\n```\n{text[text.index('ncalls') :].rstrip()}\n```\n")


if __name__ == "__main__":
    main()
