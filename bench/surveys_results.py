"""Benchmark: survey results at 1,000 and 100,000 responses, as ratios measured in one run.

Usage (from the repository root; PostgreSQL, the database is migrated by the script):

    createdb -h 127.0.0.1 -U postgres collective_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/collective_bench \\
        .venv/bin/python bench/surveys_results.py --responses 100000

Two copies of the member survey are made: a small one (1,000 responses) and a big one
(100,000; about ten answers each). In one run it measures

1. the small survey's results page, a breakdown and its CSV export, with only the small
   survey in the database ("alone");
2. after loading the big survey: the big survey's results page and breakdown, and the small
   survey's export again, interleaved round by round;

and prints the medians, the ratios the issue asks for (page and breakdown at 100,000 over
1,000: at most 3; the small export with the big survey in the database over alone: at most 2),
the query counts, the export's peak Python memory (tracemalloc) and how long the background
refresh (counting every pair of questions and the disclosure audit) took at each size.
Pages read the stored snapshot, so the refresh is timed separately. The benchmark surveys are
deleted at the end (use --keep to look at them).
"""

import argparse
import os
import random
import statistics
import subprocess
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
from surveys.results import results_refresh  # noqa: E402
from surveys.selectors import survey_structure  # noqa: E402
from surveys.services import survey_duplicate  # noqa: E402

BATCH = 5000


def load(survey, count, rng):
    """Bulk-load `count` made-up responses (run in a child process, see load_in_child)."""
    structure = survey_structure(survey)
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
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum would do after a big load
            cursor.execute(f"ANALYZE {Answer._meta.db_table}, {Response._meta.db_table}")
    return time.perf_counter() - started


def timed_get(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params or {})
        if response.streaming:
            for _ in response.streaming_content:
                pass
        else:
            _ = response.content
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries)


def export_memory(client, url):
    tracemalloc.start()
    response = client.get(url)
    size = sum(len(chunk) for chunk in response.streaming_content)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, size


class Target:
    def __init__(self, survey):
        self.survey = survey
        structure = survey_structure(survey)
        found, ethnic = structure.questions[0].pk, structure.questions[-1].pk
        self.page = reverse("surveys:survey-results", args=[survey.slug])
        self.breakdown = (
            reverse("surveys:results-breakdown", args=[survey.slug]),
            {"question": found, "by": ethnic},
        )
        self.export = reverse("surveys:results-export", args=[survey.slug])


def copy_of_member_survey(title):
    template, _ = load_member_survey()
    survey = survey_duplicate(survey=template)
    survey.title, survey.status = title, Survey.Status.PUBLISHED
    survey.save()
    return survey


def median_of(samples):
    return statistics.median(samples) * 1000


def load_in_child(survey, count):
    """Load in a separate process: building a million answers in this one would leave its
    heap (and the garbage collector's work) larger for every measurement that follows."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--load-into", str(survey.pk), "--responses", str(count)],
        check=True,
    )
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark surveys")
    parser.add_argument("--load-into", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load_into:
        load(Survey.objects.get(pk=args.load_into), args.responses, random.Random(200))
        return

    print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    small = copy_of_member_survey("Benchmark survey (small)")
    big = copy_of_member_survey("Benchmark survey (big)")
    manager, _ = User.objects.get_or_create(email=f"bench-{uuid.uuid4().hex[:8]}@example.org")
    manager.is_staff = True
    manager.save()
    manager.groups.set(Group.objects.filter(name=SURVEY_MANAGERS))
    client = Client(SERVER_NAME="localhost")
    client.force_login(manager)
    try:
        print(f"loaded {args.small:,} responses in {load_in_child(small, args.small):.1f} s")
        started = time.perf_counter()
        results_refresh(survey=small)
        small_refresh = time.perf_counter() - started
        s = Target(small)
        for url, params in ((s.page, None), (*s.breakdown,), (s.export, None)):
            timed_get(client, url, params)  # warm up: session, permissions, templates
        alone, before = [], []
        for _ in range(args.rounds):
            alone.append(timed_get(client, s.export))
            before.append(timed_get(client, s.page))
        memory_small = export_memory(client, s.export)

        seconds = load_in_child(big, args.responses)
        print(f"loaded {args.responses:,} responses in {seconds:.1f} s")
        started = time.perf_counter()
        results_refresh(survey=big)
        big_refresh = time.perf_counter() - started
        b = Target(big)
        timed_get(client, b.page)
        timed_get(client, *b.breakdown)
        small_page, big_page, small_cross, big_cross, beside = [], [], [], [], []
        for _ in range(args.rounds):  # interleaved, so that all see the same machine load
            small_page.append(timed_get(client, s.page))
            big_page.append(timed_get(client, b.page))
            small_cross.append(timed_get(client, *s.breakdown))
            big_cross.append(timed_get(client, *b.breakdown))
            beside.append(timed_get(client, s.export))
        memory_big = export_memory(client, b.export)

        def line(label, samples):
            ms = median_of([t for t, _ in samples])
            return ms, f"{label:<46} {ms:8.1f} ms  {max(q for _, q in samples):3d} queries"

        rows = {
            "page_small": line(f"results page, {args.small:,} responses", small_page),
            "page_big": line(f"results page, {args.responses:,} responses", big_page),
            "cross_small": line(f"breakdown, {args.small:,} responses", small_cross),
            "cross_big": line(f"breakdown, {args.responses:,} responses", big_cross),
            "alone": line(f"export of {args.small:,}, alone", alone),
            "beside": line(f"export of {args.small:,}, beside {args.responses:,}", beside),
            "before": line(f"(results page, {args.small:,}, alone)", before),
        }
        print()
        for _, text in rows.values():
            print(text)
        print()
        ratios = [
            (f"results page {args.responses:,} / {args.small:,}", "page_big", "page_small", 3),
            (f"breakdown    {args.responses:,} / {args.small:,}", "cross_big", "cross_small", 3),
            (f"export beside {args.responses:,} / alone", "beside", "alone", 2),
            (f"(machine drift: the {args.small:,} page, later / alone)", "page_small", "before", 0),
        ]
        for label, top, bottom, limit in ratios:
            bound = f" (at most {limit})" if limit else ""
            print(f"ratio {label}: {rows[top][0] / rows[bottom][0]:.2f}{bound}")
        print(
            f"export peak Python memory: {memory_small[0] / 1e6:.1f} MB for {args.small:,} "
            f"responses ({memory_small[1] / 1e6:.1f} MB of CSV), {memory_big[0] / 1e6:.1f} MB "
            f"for {args.responses:,} ({memory_big[1] / 1e6:.1f} MB of CSV)"
        )
        print(
            f"background refresh (pair counts + audit): {small_refresh:.1f} s at "
            f"{args.small:,}, {big_refresh:.1f} s at {args.responses:,}"
        )
    finally:
        if not args.keep:
            for survey in (small, big):  # fast deletes: no answer row is loaded into Python
                Answer.objects.filter(response__survey=survey).delete()
                Response.objects.filter(survey=survey).delete()
                survey.delete()
            manager.delete()


if __name__ == "__main__":
    main()
