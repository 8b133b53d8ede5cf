"""Benchmark: survey results and the CSV export with 100,000 responses.

Usage (from the repository root):

    # a throwaway SQLite file in /tmp (the default):
    .venv/bin/python bench/surveys_results.py
    # PostgreSQL (create the database first; the script migrates it):
    createdb -h 127.0.0.1 -U postgres collective_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/collective_bench \\
        .venv/bin/python bench/surveys_results.py --responses 100000

It copies the member survey into a benchmark survey, loads responses with bulk_create (about
ten answers each), then times the results page, a breakdown and the streamed CSV export, at a
small size first and then at the full size. For each it prints the number of SQL queries; for
the export also the peak Python memory (tracemalloc) while the stream is consumed. The query
counts should be the same at both sizes and the export's peak memory should stay flat. The
benchmark survey and its user are deleted at the end (use --keep to look at them).
"""

import argparse
import os
import random
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")
if "DATABASE_URL" not in os.environ:
    _db = Path(tempfile.gettempdir()) / f"collective-bench-{os.getpid()}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{_db}"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from collective.lib.groups import SURVEY_MANAGERS  # noqa: E402
from collective.models import User  # noqa: E402
from surveys.demo import fake_answers  # noqa: E402
from surveys.member_survey import load_member_survey  # noqa: E402
from surveys.models import Answer, Response, Survey  # noqa: E402
from surveys.selectors import survey_structure  # noqa: E402
from surveys.services import survey_duplicate  # noqa: E402

BATCH = 5000


def load(survey, structure, count, rng):
    started = time.perf_counter()
    today = timezone.localdate()
    for start in range(0, count, BATCH):
        responses = [
            Response(id=uuid.uuid4(), survey=survey, submitted_on=today)
            for _ in range(min(BATCH, count - start))
        ]
        Response.objects.bulk_create(responses)
        answers = [a for r in responses for a in fake_answers(structure, rng, r)]
        Answer.objects.bulk_create(answers, batch_size=BATCH)
    return time.perf_counter() - started


def measure(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params or {})
        body = response.content if not response.streaming else b""
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries), len(body)


def measure_export(client, url):
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        size = rows = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += 1
        elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, len(queries), rows, size, peak


def report(label, client, survey, breakdown_params):
    results_url = reverse("surveys:survey-results", args=[survey.slug])
    breakdown_url = reverse("surveys:results-breakdown", args=[survey.slug])
    export_url = reverse("surveys:results-export", args=[survey.slug])
    client.get(results_url)  # warm up: session, permissions, templates
    page_time, page_queries, _ = measure(client, results_url)
    cross_time, cross_queries, _ = measure(client, breakdown_url, breakdown_params)
    export_time, export_queries, rows, size, peak = measure_export(client, export_url)
    print(f"\n== {label}: {survey.responses.count():,} responses")
    print(f"results page   {page_time * 1000:8.0f} ms   {page_queries} queries")
    print(f"breakdown      {cross_time * 1000:8.0f} ms   {cross_queries} queries")
    print(
        f"CSV export     {export_time * 1000:8.0f} ms   {export_queries} queries   "
        f"{rows:,} rows, {size / 1e6:.1f} MB streamed, peak Python memory {peak / 1e6:.1f} MB"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000, help="first measurement size")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark survey")
    args = parser.parse_args()

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    template, _ = load_member_survey()
    survey = survey_duplicate(survey=template)
    survey.title, survey.status = "Benchmark survey", Survey.Status.PUBLISHED
    survey.save()
    manager, _ = User.objects.get_or_create(email=f"bench-{uuid.uuid4().hex[:8]}@example.org")
    manager.is_staff = True
    manager.save()
    manager.groups.set(Group.objects.filter(name=SURVEY_MANAGERS))
    client = Client(SERVER_NAME="localhost")
    client.force_login(manager)
    structure = survey_structure(survey)
    found, ethnic = structure.questions[0].pk, structure.questions[-1].pk
    params = {"question": found, "by": ethnic}
    rng = random.Random(100)
    try:
        seconds = load(survey, structure, args.small, rng)
        print(f"loaded {args.small:,} responses in {seconds:.1f} s")
        report("small", client, survey, params)
        seconds = load(survey, structure, args.responses - args.small, rng)
        print(f"\nloaded {args.responses - args.small:,} more responses in {seconds:.1f} s")
        report("full", client, survey, params)
    finally:
        if not args.keep:
            survey.delete()
            manager.delete()


if __name__ == "__main__":
    main()
