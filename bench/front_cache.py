"""The front cache against `make production` (running): publish-to-fresh time and the cache's
rate next to nginx's static rate for the same bytes.

    make production            # in another terminal
    set -a; . var/production.env; set +a
    .venv/bin/python bench/front_cache.py [publishes=20]

Publish-to-fresh: an article's title is changed and published 20 times; after each
`publish()` returns, the article, its news index, the home page and the news feed are
fetched through nginx until each shows the new title (p50 and max of the slowest of the
four). Rate: `wrk` (Debian package) on the cached home page and on the same bytes written
as a static file, at 8 and 64 connections.
"""

import http.client
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from common import local_path  # noqa: E402  (sets Django up)
from django.conf import settings  # noqa: E402
from wagtail.models import Site  # noqa: E402

from cms.news.models import NewsPage  # noqa: E402

PORT = int(os.environ.get("SITE_PORT", "8080"))


def get(host, path):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def publish_to_fresh(count, article=None):
    """Seconds from each `publish()` to the last of the four URLs showing it. `article`
    defaults to the default site's first; on a large data set pass its newest, the one the
    home page, the first page of the news index and the feed show."""
    if article is None:
        home = Site.objects.get(is_default_site=True).root_page
        article = NewsPage.objects.live().descendant_of(home).first()
    site = article.get_site()
    host = site.hostname
    index = article.get_parent().specific
    urls = [article.url, index.url, site.root_page.url, index.url + "feeds/rss/"]
    paths = [local_path(url) for url in urls]
    original = article.title
    times = []
    try:
        for n in range(count):
            for path in paths:  # cached before the change
                get(host, path)
            title = f"{original} ({n + 1})"
            article.title = title
            article.save_revision().publish()
            start = time.perf_counter()
            waiting = set(paths)
            while waiting:
                for path in list(waiting):
                    if title.encode() in get(host, path)[2]:
                        waiting.discard(path)
                if waiting and time.perf_counter() - start > 30:
                    raise SystemExit(f"not fresh after 30 s: {sorted(waiting)}")
                time.sleep(0.02) if waiting else None
            times.append(time.perf_counter() - start)
    finally:
        article.title = original
        article.save_revision().publish()
    return times


def wrk(host, path, connections):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            "-d5s",
            "--latency",
            "-H",
            f"Host: {host}",
            f"http://127.0.0.1:{PORT}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    return rate, p99


def rates():
    site = Site.objects.get(is_default_site=True)
    path = local_path(site.root_page.url)
    time.sleep(3)  # the purge of the last publish has gone through: no miss while measuring
    status, headers, body = get(site.hostname, path)
    assert get(site.hostname, path)[1].get("X-Cache-Status") == "HIT"
    static = Path(settings.STATIC_ROOT) / "bench-home.html"
    static.write_bytes(body)
    rows = []
    for connections in (8, 64):
        cached = wrk(site.hostname, path, connections)
        plain = wrk(site.hostname, "/static/bench-home.html", connections)
        rows.append((connections, cached, plain))
    static.unlink()
    return len(body), rows


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    times = publish_to_fresh(count)
    print(
        f"publish-to-fresh over {count} publishes (article, index, home, feed): "
        f"p50 {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    size, rows = rates()
    print(f"home page, {size} bytes: cached by nginx vs the same bytes as a static file")
    for connections, (cached, cached_p99), (plain, plain_p99) in rows:
        print(
            f"  {connections:>2} connections: cached {cached:,.0f}/s (p99 {cached_p99}), "
            f"static {plain:,.0f}/s (p99 {plain_p99}): {cached / plain:.2f}x"
        )


if __name__ == "__main__":
    main()
