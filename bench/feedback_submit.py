"""Benchmark: sending feedback, and the readers' list in the admin, in process.

    python bench/feedback_submit.py [submissions]

Uses a fresh SQLite file unless DATABASE_URL is set (then point it at a throwaway database: the
script migrates it and adds rows). Prints time and queries per submission, and the queries and
time of the admin list at two data sizes (they should not grow with the data).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
os.environ.setdefault("EMAIL_URL", "dummymail://")
os.environ.setdefault("LOG_LEVEL", "ERROR")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from collective.lib.groups import FEEDBACK_READERS  # noqa: E402
from collective.lib.nonces import new_nonce  # noqa: E402


def submit(client, count):
    queries = 0
    started = time.perf_counter()
    for n in range(count):
        data = {"topic": "general", "message": f"Benchmark feedback {n}. " * 20, "website": ""}
        data["nonce"] = new_nonce()
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/feedback/", data)
        assert response.status_code == 200, response.status_code
        queries += len(captured)
    elapsed = time.perf_counter() - started
    return elapsed / count * 1000, queries / count


def admin_list(client):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get("/admin/feedback/feedback/")
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200
    return elapsed, len(captured)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.FEEDBACK_RATE_LIMIT = 10**9
    from django.contrib.auth.models import Group

    from collective.models import User

    reader, _ = User.objects.get_or_create(email="bench-reader@example.org", is_staff=True)
    reader.groups.add(Group.objects.get(name=FEEDBACK_READERS))
    staff = Client()
    staff.force_login(reader)

    ms, queries = submit(Client(), 10)
    small = admin_list(staff)
    ms, queries = submit(Client(), count)
    large = admin_list(staff)
    print(f"database: {connection.vendor}")
    print(f"submit: {ms:.1f} ms and {queries:.1f} queries per submission ({count} sent)")
    print(f"admin list at 10 rows: {small[0]:.0f} ms, {small[1]} queries")
    print(f"admin list at {count + 10} rows: {large[0]:.0f} ms, {large[1]} queries")


if __name__ == "__main__":
    main()
