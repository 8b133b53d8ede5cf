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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark surveys")
    args = parser.parse_args()

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
    rng = random.Random(100)
    try:
        print(f"loaded {args.small:,} responses in {load(small, args.small, rng):.1f} s")
        started = time.perf_counter()
        results_refresh(survey=small)
        small_refresh = time.perf_counter() - started
        s = Target(small)
        for url, params in ((s.page, None), (*s.breakdown,), (s.export, None)):
            timed_get(client, url, params)  # warm up: session, permissions, templates
        alone = [timed_get(client, s.export) for _ in range(args.rounds)]
        small_page = [timed_get(client, s.page) for _ in range(args.rounds)]
        small_cross = [timed_get(client, *s.breakdown) for _ in range(args.rounds)]
        memory_small = export_memory(client, s.export)

        print(f"loaded {args.responses:,} responses in {load(big, args.responses, rng):.1f} s")
        started = time.perf_counter()
        results_refresh(survey=big)
        big_refresh = time.perf_counter() - started
        b = Target(big)
        timed_get(client, b.page)
        timed_get(client, *b.breakdown)
        big_page, big_cross, beside = [], [], []
        for _ in range(args.rounds):  # interleaved, so that both see the same machine load
            big_page.append(timed_get(client, b.page))
            big_cross.append(timed_get(client, *b.breakdown))
            beside.append(timed_get(client, s.export))
        memory_big = export_memory(client, b.export)

        def line(label, samples):
            ms = median_of([t for t, _ in samples])
            return ms, f"{label:<46} {ms:8.1f} ms  {samples[0][1]:3d} queries"

        rows = {
            "page_small": line(f"results page, {args.small:,} responses", small_page),
            "page_big": line(f"results page, {args.responses:,} responses", big_page),
            "cross_small": line(f"breakdown, {args.small:,} responses", small_cross),
            "cross_big": line(f"breakdown, {args.responses:,} responses", big_cross),
            "alone": line(f"export of {args.small:,}, alone", alone),
            "beside": line(f"export of {args.small:,}, beside {args.responses:,}", beside),
        }
        print()
        for _, text in rows.values():
            print(text)
        print()
        print(
            f"ratio results page {args.responses:,} / {args.small:,}: "
            f"{rows['page_big'][0] / rows['page_small'][0]:.2f} (at most 3)"
        )
        print(
            f"ratio breakdown    {args.responses:,} / {args.small:,}: "
            f"{rows['cross_big'][0] / rows['cross_small'][0]:.2f} (at most 3)"
        )
        print(
            f"ratio export beside {args.responses:,} / alone: "
            f"{rows['beside'][0] / rows['alone'][0]:.2f} (at most 2)"
        )
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
