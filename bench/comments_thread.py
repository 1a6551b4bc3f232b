"""How long a page with a big comment thread takes to render, and in how many queries.

    .venv/bin/python bench/comments_thread.py [--comments 1000] [--runs 20]

Loads the demo into a throwaway SQLite database (or the database DATABASE_URL names, e.g.
under ./scripts/with-postgres), adds N comments (40% top level, 40% replies, 20% replies to
replies) to one page inside a transaction that is rolled back at the end, then renders the
page through Django's test client: anonymously (the cacheable HTML) and signed in (with the
form), first page and oldest-first. Prints median / p95 wall time and the number of SQL
queries per request.
"""

import argparse
import statistics

import own_database  # noqa: F401
from common import local_path, prepare_database, rolled_back, time_page, timings
from django.contrib.auth import get_user_model
from django.test import Client
from django.test.utils import setup_test_environment

from cms.pages.models import StandardPage
from plugins.comments.models import Comment
from plugins.comments.thread import Thread


def add_comments(page, count):
    User = get_user_model()
    authors = [User.objects.create_user(f"bench{n}", f"bench{n}@example.org") for n in range(50)]
    site = page.get_site()
    roots = Comment.objects.bulk_create(
        Comment(page=page, site=site, author=authors[n % 50], text=f"Top-level comment {n} " * 8)
        for n in range(count * 2 // 5)
    )
    replies = Comment.objects.bulk_create(
        Comment(
            page=page,
            site=site,
            parent=roots[n % len(roots)],
            depth=1,
            author=authors[(n + 7) % 50],
            text=f"Reply {n} with https://example.org/{n}",
        )
        for n in range(count * 2 // 5)
    )
    Comment.objects.bulk_create(
        Comment(
            page=page,
            site=site,
            parent=replies[n % len(replies)],
            depth=2,
            author=authors[(n + 13) % 50],
            text=f"Reply to a reply {n}",
        )
        for n in range(count - len(roots) - len(replies))
    )
    return authors[0]


def measure(client, path, runs):
    """(median ms, p95 ms, SQL queries) of rendering `path`."""
    queries, median, p95 = time_page(client, path, runs=runs, share=0.95)
    return median, p95, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    prepare_database(demo=True)
    setup_test_environment()
    with rolled_back():
        page = StandardPage.objects.get(slug="elektronna-demokratiia", locale__language_code="uk")
        reader = add_comments(page, args.comments)
        total = Comment.objects.filter(page=page).count()
        path = local_path(page.full_url)
        anonymous, signed_in = Client(), Client()
        signed_in.force_login(reader)

        thread_ms = statistics.mean(timings(lambda: Thread(page), args.runs))

        print(f"{total} comments on {path}, {args.runs} runs each")
        print(f"{'request':42} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for label, client, query in [
            ("anonymous, newest first, page 1", anonymous, ""),
            (
                "anonymous, oldest first, page 3",
                anonymous,
                "?comments_order=oldest&comments_page=3",
            ),
            ("signed in (form, own-comment links)", signed_in, ""),
        ]:
            median, p95, queries = measure(client, path + query, args.runs)
            print(f"{label:42} {median:10.1f} {p95:8.1f} {queries:8d}")
        print(f"{'thread built alone (fetch + tree + paging)':42} {thread_ms:10.1f}")
        plain = StandardPage.objects.get(slug="vidkryte-vriaduvannia", locale__language_code="uk")
        median, p95, queries = measure(anonymous, local_path(plain.full_url), args.runs)
        label = "for comparison: a page without a thread"
        print(f"{label:42} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    main()
