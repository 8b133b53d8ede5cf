"""Benchmark: facilitation list pages at two data sizes, and registering for a session.

    python bench/facilitation_pages.py [small] [large]

Uses a fresh SQLite file unless DATABASE_URL is set (then point it at a throwaway database: the
script migrates it and adds rows). Prints, for each list page, the queries and time per request
at both sizes (queries must not grow with the data), then the time per registration.
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("LOG_LEVEL", "ERROR")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from collective.models import User  # noqa: E402
from facilitation import services  # noqa: E402
from facilitation.models import (  # noqa: E402
    Facilitator,
    MeetingNote,
    Question,
    Recommendation,
    Registration,
    Session,
)

PAGES = {
    "shortlist": "/facilitation/facilitators/",
    "sessions": "/facilitation/sessions/",
    "notes": "/facilitation/notes/",
    "questions": "/facilitation/sessions/{session}/questions/",
    "my recommendations": "/facilitation/recommendations/",
}


def grow(member, session, count):
    """Add `count` of each listed thing."""
    start = timezone.now() + timedelta(days=30)
    n = Facilitator.objects.count()
    for i in range(n, n + count):
        facilitator = Facilitator.objects.create(
            name=f"Bench facilitator {i}", status=Facilitator.Status.SHORTLISTED, areas=["other"]
        )
        Recommendation.objects.create(
            facilitator=facilitator, member=member, how_known="-", why="-"
        )
        other = Session.objects.create(
            title=f"Bench session {i}",
            topic="-",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            online_link="https://meet.example.org/x",
            ground_rules="-",
        )
        MeetingNote.objects.create(
            session=other, title=f"Notes {i}", body="<p>-</p>", published=True
        )
        question = Question.objects.create(
            session=session, text=f"Question {i}?", status="approved"
        )
        services.question_support(question=question, member=member)


def measure(client, session, repeats=5):
    results = {}
    for name, path in PAGES.items():
        url = path.format(session=session.pk)
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            for _ in range(repeats):
                assert client.get(url).status_code == 200, url
            elapsed = (time.perf_counter() - started) / repeats * 1000
        results[name] = (len(captured) // repeats, elapsed)
    return results


def main():
    small, large = (int(a) for a in (sys.argv[1:3] if len(sys.argv) > 2 else (10, 200)))
    call_command("migrate", verbosity=0)
    member = User.objects.create_user("bench@example.org", "bench-password")
    start = timezone.now() + timedelta(days=7)
    session = Session.objects.create(
        title="Bench",
        topic="-",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        online_link="https://meet.example.org/bench",
        ground_rules="-",
        capacity=50,
    )
    Registration.objects.create(session=session, member=member, status="registered")
    client = Client()
    client.force_login(member)
    grow(member, session, small)
    at_small = measure(client, session)
    grow(member, session, large - small)
    at_large = measure(client, session)
    print(
        f"{'page':<20} {'queries@' + str(small):>12} {'queries@' + str(large):>12} "
        f"{'ms@' + str(small):>9} {'ms@' + str(large):>9}"
    )
    for name in PAGES:
        (q1, t1), (q2, t2) = at_small[name], at_large[name]
        print(f"{name:<20} {q1:>12} {q2:>12} {t1:>9.1f} {t2:>9.1f}")

    people = [User.objects.create_user(f"p{i}@example.org", "x") for i in range(100)]
    started = time.perf_counter()
    for person in people:
        services.registration_register(session=session, member=person)
    per = (time.perf_counter() - started) / len(people) * 1000
    waiting = session.registrations.filter(status="waiting").count()
    print(f"registration: {per:.1f} ms each (100 people, 50 places: {waiting} waiting)")


if __name__ == "__main__":
    main()
