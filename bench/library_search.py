"""Time the library search over 10,000 resources.

Usage (from the repository root):

    # SQLite fallback (no DATABASE_URL):
    .venv/bin/python bench/library_search.py [--resources 10000] [--repeat 20]
    # PostgreSQL full-text search (the production path):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/collective \
        .venv/bin/python bench/library_search.py

It creates a throwaway test database (test_<name> on PostgreSQL, in memory on SQLite), loads the
resources, runs each query through the same code as the catalogue page (search + the first page
of results), prints the median and 95th percentile time per query, shows PostgreSQL's plan for one
query (it should use the GIN index library_resource_search_gin), and drops the database.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from library.models import Resource  # noqa: E402
from library.search import search_resources  # noqa: E402

WORDS = (
    "race racism anti-racist allyship ally microaggression privilege empire class history "
    "belonging identity migration britain black asian minority ethnic community power research "
    "co-production lived experience health inequality education justice policing housing work "
    "language memory culture hair music family school university colonial windrush diaspora"
).split()
QUERIES = [
    "racism",
    "allyship in co-production",
    "microaggression",
    "black british history",
    "windrush",
    "lived experience of health inequality",
    "zebra crossing",  # no results
    "empire -class",
]


def _vocabulary(rng, size=20_000):
    """Made-up filler words, so that each topical word is as rare as in a real catalogue."""
    syllables = ["ka", "lo", "mi", "ren", "tu", "sha", "vo", "pel", "dri", "an", "os", "bel"]
    return ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size)]


def _text(rng, filler, words):
    """Mostly filler; each topical word appears in roughly 1 resource in 50."""
    chosen = rng.choices(filler, k=words)
    for index in range(words):
        if rng.random() < 0.01:
            chosen[index] = rng.choice(WORDS)
    return " ".join(chosen)


def load(count):
    rng = random.Random(2021)
    filler = _vocabulary(rng)
    kinds = Resource.Kind.values
    batch = [
        Resource(
            kind=rng.choice(kinds),
            title=_text(rng, filler, rng.randint(2, 8)).capitalize(),
            creators=f"Author {rng.randint(1, 2000)}",
            year=rng.randint(1950, 2025),
            description=_text(rng, filler, rng.randint(20, 80)),
            why_recommended=_text(rng, filler, rng.randint(5, 20)),
            published=rng.random() > 0.05,
        )
        for _ in range(count)
    ]
    Resource.objects.bulk_create(batch, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE library_resource")


def time_query(text, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        queryset = search_resources(Resource.objects.published(), text)
        total = queryset.count()
        list(queryset[:20])
        times.append((time.perf_counter() - start) * 1000)
    return total, times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    old_name = settings.DATABASES["default"]["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        load(args.resources)
        print(
            f"{connection.vendor}: loaded {args.resources} resources "
            f"in {time.perf_counter() - start:.1f} s"
        )
        print(f"{'query':40} {'results':>8} {'median ms':>10} {'p95 ms':>8}")
        for text in QUERIES:
            total, times = time_query(text, args.repeat)
            p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
            print(f"{text:40} {total:>8} {statistics.median(times):>10.2f} {p95:>8.2f}")
        if connection.vendor == "postgresql":
            queryset = search_resources(Resource.objects.published(), "allyship")[:20]
            print("\nPlan for 'allyship':")
            print(queryset.explain())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
