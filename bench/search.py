"""Search benchmark: time of a public search over 50,000 entries (p50, p95), and recall of
the inflected demo queries per language.

    .venv/bin/python bench/search.py                      # SQLite (a temporary database)
    ./scripts/with-postgres .venv/bin/python bench/search.py   # PostgreSQL
    .venv/bin/python bench/search.py --recall             # recall on the demo content
    options: --entries N (default 50000), --runs N (default 300)

Entries are written straight into the search index (what 50,000 published pages produce)
with text drawn from the demo content of the three municipalities.
"""

import argparse
import itertools
import random
import statistics
import time

import own_database  # noqa: F401
from common import percentile, prepare_database, seed_sentences, timings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Page, Site

from cms.search import indexing
from cms.search.engine import run_search
from cms.search.lemmas import lemmatize
from cms.search.models import SearchEntry
from cms.search.tests.recall import measure


def fill(count):
    site = Site.objects.first()
    content_type = ContentType.objects.get_for_model(Page)
    have = SearchEntry.objects.count()
    sentences = seed_sentences()
    languages = ["uk", "sk", "bg", "en"]
    kinds = ["pages", "news", "documents", "plans", "events", "consultations"]
    rng = random.Random(7)
    backend = indexing.database_backend()
    started = time.perf_counter()
    batch = []
    for number in range(have, count):
        language = languages[number % 4]
        title = " ".join(rng.choice(sentences[language]).split()[:9])
        text = ". ".join(rng.choices(sentences[language], k=rng.randint(6, 14)))
        batch.append(
            SearchEntry(
                content_type=content_type,
                object_id=10_000_000 + number,
                site=site,
                language=language,
                kind=rng.choice(kinds),
                title=title,
                text=text,
                url=f"/{language}/bench/{number}/",
                title_lemmas=lemmatize(title, language),
                lemmas=lemmatize(text, language),
            )
        )
        if len(batch) == 1000 or number == count - 1:
            created = SearchEntry.objects.bulk_create(batch)
            backend.add_bulk(SearchEntry, created)
            batch = []
            print(f"  indexed {number + 1}/{count}", end="\r", flush=True)
    print(f"  {count - have} entries written and indexed in {time.perf_counter() - started:.0f} s")
    return site


QUERIES = {
    "uk": [
        "бюджету",
        "петиціями",
        "цифрової трансформації",
        "відкритими даними",
        "громадам",
        "електронних консультацій",
        "плану дій",
        "мешканцями міста",
    ],
    "sk": [
        "akčného plánu",
        "otvoreným vládnutím",
        "participatívnych stretnutí",
        "mestom",
        "záväzkov",
        "podnetmi",
        "mapy",
        "verejnosťou",
    ],
    "bg": [
        "общината",
        "платформата",
        "гражданите",
        "местните политики",
        "консултацията",
        "мониторинга",
        "услугите",
        "участието",
    ],
    "en": [
        "budgets",
        "open government",
        "petitions",
        "action plans",
        "citizens",
        "data",
        "consultation",
        "digital services",
    ],
}


def time_searches(site, runs):
    pairs = [(language, query) for language, items in QUERIES.items() for query in items]
    for language, query in pairs:  # warm-up: connections, caches
        run_search(query=query, site=site, languages=(language,))
    queue, totals = itertools.cycle(pairs), []

    def search():
        language, query = next(queue)
        totals.append(run_search(query=query, site=site, languages=(language,)).total)

    times = timings(search, runs)
    return statistics.median(times), percentile(times, 0.95), statistics.mean(totals)


def recall():
    results = measure()
    for language, (found, total, missed) in sorted(results.items()):
        print(f"{language}: recall@10 {found}/{total} = {found / total:.0%}", end="")
        print(f"  (missed: {', '.join(missed)})" if missed else "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--recall", action="store_true")
    args = parser.parse_args()
    if args.recall:
        print("Loading the demo content (a few minutes)...")
        prepare_database(demo=True)
        recall()
        return
    prepare_database()
    print(f"Database: {connection.vendor}; filling the search index to {args.entries} entries")
    site = fill(args.entries)
    p50, p95, mean_hits = time_searches(site, args.runs)
    print(
        f"{connection.vendor}: {args.runs} searches over {args.entries} entries "
        f"(facets, count, first page): p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
        f"mean matches {mean_hits:.0f}"
    )


if __name__ == "__main__":
    main()
