"""Consultations benchmark: submission throughput and results-page time with 10,000 responses.

    .venv/bin/python bench/consultations.py                      # a throwaway SQLite database
    ./scripts/with-postgres .venv/bin/python bench/consultations.py   # PostgreSQL

Runs against its own data on the database it is pointed at (migrated first).
"""

import os
import threading
import time

import own_database  # noqa: F401
from common import TERNOPIL, prepare_database, time_page
from django.db import connection
from django.test import Client
from django.test.utils import setup_test_environment
from wagtail.models import Site

from plugins.consultations.models import Answer, Response
from plugins.consultations.services import save_response
from plugins.consultations.tests.factories import (
    answers_post,
    make_citizen,
    make_consultation,
    minimal_tree,
)

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "300"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))
RESULTS_RESPONSES = 10_000


def _site(index):
    home = index.get_parent()
    site = Site.objects.filter(site_name="ternopil").first() or Site(site_name="ternopil")
    site.hostname, site.port = TERNOPIL["host"], 80
    site.root_page, site.is_default_site = home, True
    site.save()


def bench_http_submissions(page):
    """Whole requests: form validation, the locked save, the redirect (one client each)."""
    citizens = [make_citizen() for _ in range(SUBMISSIONS)]
    clients = []
    for citizen in citizens:
        client = Client()
        client.force_login(citizen)
        clients.append(client)
    url = f"/uk/consultations/{page.pk}/respond/"
    data = answers_post(page)
    started = time.perf_counter()
    for client in clients:
        response = client.post(url, data, headers=TERNOPIL)
        assert response.status_code == 302, response.status_code
    elapsed = time.perf_counter() - started
    return SUBMISSIONS / elapsed, elapsed / SUBMISSIONS * 1000


def bench_parallel_saves(page):
    """The save itself from THREADS parallel connections (one response per citizen)."""
    citizens = [make_citizen() for _ in range(SUBMISSIONS)]
    single = page.question_list[0]
    answers = [(single.key, single.choices[1].key, ""), (page.question_list[2].key, "3", "")]
    chunks = [citizens[n::THREADS] for n in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def work(chunk):
        barrier.wait()
        for citizen in chunk:
            save_response(page, answers, user=citizen)
        connection.close()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return SUBMISSIONS / elapsed


def fill(page, count):
    from plugins.consultations.models.responses import new_reference

    single, multiple, scale, yes_no, text = page.question_list
    responses = Response.objects.bulk_create(
        Response(
            consultation_key=page.translation_key,
            page=page,
            reference=new_reference(),
            language="uk",
        )
        for _ in range(count)
    )
    answers = []
    for n, response in enumerate(responses):
        common = {"response": response, "consultation_key": page.translation_key}
        answers += [
            Answer(question_key=single.key, choice_key=single.choices[n % 3].key, **common),
            Answer(question_key=multiple.key, choice_key=multiple.choices[n % 2].key, **common),
            Answer(question_key=scale.key, choice_key=str(n % 5 + 1), **common),
            Answer(question_key=yes_no.key, choice_key="yes" if n % 3 else "no", **common),
            Answer(question_key=text.key, text=f"Proposal {n}", **common),
        ]
    Answer.objects.bulk_create(answers, batch_size=5000)


def bench_results(page, runs=30):
    """(median ms, p95 ms, SQL queries) of the results page."""
    queries, median, p95 = time_page(Client(), page.url + "results/", runs=runs, share=0.95)
    return median, p95, queries


def main():
    setup_test_environment()
    prepare_database()
    index = minimal_tree()
    _site(index)
    engine = connection.vendor
    print(f"database: {engine}; submissions: {SUBMISSIONS}; threads: {THREADS}")

    page = make_consultation(index=index)
    per_second, per_request = bench_http_submissions(page)
    print(f"HTTP submissions (sequential): {per_second:.0f}/s, {per_request:.1f} ms each")
    if engine == "postgresql":
        page = make_consultation(index=index)
        print(f"parallel saves ({THREADS} connections): {bench_parallel_saves(page):.0f}/s")

    page = make_consultation(index=index)
    started = time.perf_counter()
    fill(page, RESULTS_RESPONSES)
    print(f"{RESULTS_RESPONSES} responses bulk-created in {time.perf_counter() - started:.1f} s")
    median, p95, queries = bench_results(page)
    print(
        f"results page with {RESULTS_RESPONSES} responses: median {median:.1f} ms, "
        f"p95 {p95:.1f} ms, {queries} SQL queries"
    )


if __name__ == "__main__":
    main()
