"""The repo's gunicorn configuration, run for real: its logs never hold the sender.

A signed-in member sends feedback through gunicorn (`-c gunicorn.conf.py`) from a distinctive
loopback address, with a known user agent and X-Forwarded-For header. Then the access log, the
error log and every table of the (temporary SQLite) database are searched.
"""

import http.client
import importlib.util
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from tests.feedback.anonymity import findings

ROOT = Path(settings.BASE_DIR)
SOURCE_ADDRESS = "127.0.0.9"  # any 127/8 address reaches the loopback listener
FORWARDED = "198.51.100.23"
USER_AGENT = "FeedbackProbe/9.9 (Gunicorn; Test)"
EMAIL = "traceable.sender@example.org"
MAKE_SESSION = f"""
from django.test import Client
from tests.factories import UserFactory
user = UserFactory(id=987654321, email="{EMAIL}", display_name="Zephyrine")
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed"
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sqlite_rows(path):
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: {tuple(map(str, row)) for row in db.execute(f'SELECT * FROM "{t}"')} for t in tables
        }
    finally:
        db.close()


def request(port, method, path, *, headers, body=None):
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=15, source_address=(SOURCE_ADDRESS, 0)
    )
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    content = response.read().decode()
    conn.close()
    return response, content


@pytest.fixture
def served(tmp_path):
    """(port, database path, session key, process) for gunicorn serving a fresh database."""
    database = tmp_path / "portal.sqlite3"
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "LOG_LEVEL")}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        EMAIL_URL="dummymail://",
        DEBUG="1",
        WEB_CONCURRENCY="1",
        PORT=str(free_port()),
        PYTHONPATH=str(ROOT),
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    session_key = (
        subprocess.run(
            [*manage, "shell", "-c", MAKE_SESSION],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    # Listen on loopback only (a command-line bind overrides the config's 0.0.0.0).
    bind = ["-b", f"127.0.0.1:{env['PORT']}", "collective.wsgi"]
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [*gunicorn, *bind], env=env, cwd=ROOT, stdout=stdout, stderr=stderr
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", int(env["PORT"])), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("gunicorn did not start:\n" + err.read_text())
                time.sleep(0.2)
        yield int(env["PORT"]), database, session_key, process, out, err
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)


def test_gunicorn_logs_and_database_hold_nothing_about_the_sender(served):
    port, database, session_key, process, out, err = served
    headers = {
        "User-Agent": USER_AGENT,
        "X-Forwarded-For": FORWARDED,
        "Cookie": f"sessionid={session_key}",
    }
    response, page = request(port, "GET", "/feedback/", headers=headers)
    assert response.status == 200
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|nonce)" value="([^"]+)"', page))
    before = sqlite_rows(database)

    body = urlencode(
        {**fields, "topic": "incident", "message": "Someone talked over me again.", "website": ""}
    )
    response, page = request(
        port,
        "POST",
        "/feedback/",
        body=body,
        headers={
            **headers,
            "Cookie": f"sessionid={session_key}; csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status == 200, page
    assert "Thank you for your feedback" in page
    assert "sessionid" not in (response.getheader("Set-Cookie") or "")
    request(port, "GET", "/static/feedback/feedback.js", headers=headers)
    request(port, "GET", "/about/", headers=headers)  # a page that is logged, as a control
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)

    access_log, error_log = out.read_text(), err.read_text()
    assert '"GET /about/" 200' in access_log, access_log  # the access log does work...
    assert "/feedback" not in access_log  # ...and has no line for the feedback pages
    sender = [SOURCE_ADDRESS, FORWARDED, USER_AGENT, "Probe", EMAIL, "987654321", "Zephyrine"]
    assert [n for n in sender if n.lower() in access_log.lower()] == []
    assert [n for n in sender if n.lower() in error_log.lower()] == []

    after = sqlite_rows(database)
    written = {t: rows - before.get(t, set()) for t, rows in after.items()}
    written = {t: rows for t, rows in written.items() if rows}
    # The feedback, and nothing else (readers hear of it in the next digest).
    assert "feedback_feedback" in written
    assert set(written) <= {"feedback_feedback", "sqlite_sequence"}
    for rows in written.values():
        for row in rows:
            assert findings(" | ".join(row), sender) == [], row
