"""No log holds a secret or a client detail: the access log, the app log and the worker log.

A real gunicorn (the repo's gunicorn.conf.py) and a real Celery worker run on the test's
PostgreSQL database and on Redis. Through gunicorn, a visitor answers a link survey, a member
sends feedback and reads it back with the receipt code, asks a question and supports one, and a
search and a refused (CSRF) request on the link path are made; the worker sends the feedback
digest. Then the three logs are searched for the link token, the receipt code, the client
address, the user agent, the query string and the feedback's id.
"""

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from collective.lib import groups
from facilitation.models import Question as SessionQuestion
from feedback.models import Feedback
from surveys.models import Question, Survey
from tests.conftest import require_postgres, require_redis
from tests.facilitation.factories import RegistrationFactory, SessionFactory
from tests.factories import UserFactory
from tests.surveys.factories import SectionFactory, SurveyFactory

ROOT = Path(settings.BASE_DIR)
CLIENT_ADDRESS = "127.0.0.1"
SERVER_ADDRESS = "127.0.0.2"  # so that gunicorn's "Listening at" line never holds the client's
USER_AGENT = "LogProbe/4.2 (Privacy; Test)"
SEARCH = "needlesearchterm"
ANSWER = "An honest answer about barriers"


def free_port():
    with socket.socket() as sock:
        sock.bind((SERVER_ADDRESS, 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of a browser: cookies, CSRF, no redirects followed, from a fixed address."""

    def __init__(self, port, cookies=None):
        self.port, self.cookies = port, dict(cookies or {})

    def request(self, method, path, data=None, *, csrf=True):
        headers = {"User-Agent": USER_AGENT, "Host": "localhost"}
        body = None
        if data is not None:
            if csrf and "csrftoken" in self.cookies:
                data = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection(
            SERVER_ADDRESS, self.port, timeout=30, source_address=(CLIENT_ADDRESS, 0)
        )
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        page = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        conn.close()
        return response.status, response.getheader("Location"), page

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data, **kwargs)


def start(command, env, out, err=None):
    """The process, and its log files (stderr into the same file unless `err` is given)."""
    files = [out.open("w")] + ([err.open("w")] if err else [])
    stderr = files[1] if err else subprocess.STDOUT
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=files[0], stderr=stderr)
    return process, files


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_for(condition, what, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.3)


@pytest.fixture
def portal(tmp_path, transactional_db):
    """Data committed for the servers to see; gunicorn and a worker on the test database."""
    require_postgres()
    require_redis()
    survey = SurveyFactory(slug="link-only", audience=Survey.Audience.LINK, opens_at=timezone.now())
    question = Question.objects.create(
        section=SectionFactory(survey=survey, position=0),
        text="What stops you taking part?",
        kind=Question.Kind.SHORT_TEXT,
    )
    member = UserFactory(password=None)
    UserFactory(email="reader@example.org", groups=[groups.FEEDBACK_READERS], password=None)
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    to_support = SessionQuestion.objects.create(
        session=session, text="How do I respond?", status=SessionQuestion.Status.APPROVED
    )
    signed_in = Client()
    signed_in.force_login(member)

    database = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if k not in ("LOG_LEVEL",)}
    env.update(
        DATABASE_URL=(
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        # "localhost", so the worker's banner (it prints the broker) holds no address.
        REDIS_URL=settings.REDIS_URL.replace("127.0.0.1", "localhost"),
        CELERY_TASK_ALWAYS_EAGER="0",
        EMAIL_URL="consolemail://",  # the digest is printed into the worker's log: searched too
        DEBUG="1",
        WEB_CONCURRENCY="1",
        PYTHONPATH=str(ROOT),
    )
    port = free_port()
    gunicorn, gunicorn_logs = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "-b",
            f"{SERVER_ADDRESS}:{port}",
            "collective.wsgi",
        ],
        env,
        tmp_path / "gunicorn-stdout.log",  # the access log
        tmp_path / "gunicorn-stderr.log",  # gunicorn's error log and the app's log
    )
    worker, worker_logs = start(
        [sys.executable, "-m", "celery", "-A", "collective", "worker", "-l", "info", "-P", "solo"],
        env,
        tmp_path / "worker.log",
    )
    try:

        def listening():
            try:
                socket.create_connection((SERVER_ADDRESS, port), timeout=1).close()
                return True
            except OSError:
                assert gunicorn.poll() is None, (tmp_path / "gunicorn-stdout.log").read_text()
                return False

        wait_for(listening, "gunicorn")
        wait_for(lambda: "ready" in (tmp_path / "worker.log").read_text(), "the worker")
        yield {
            "port": port,
            "env": env,
            "survey": survey,
            "question": question,
            "session": session,
            "to_support": to_support,
            "member_cookie": signed_in.cookies["sessionid"].value,
            "gunicorn": gunicorn,
            "worker": worker,
            "logs": tmp_path,
        }
    finally:
        stop(gunicorn)
        stop(worker)
        for handle in gunicorn_logs + worker_logs:
            handle.close()


def answer_the_link_survey(port, survey, question):
    visitor = Browser(port)
    status, location, _ = visitor.get(f"/surveys/link/{survey.token}/")
    assert status == 302, location
    page_url = f"/surveys/{survey.slug}/page/1/"
    assert visitor.get(page_url)[0] == 200
    status, location, _ = visitor.post(page_url, {question.field_name: ANSWER, "action": "next"})
    assert status == 302 and location.endswith("/review/"), (status, location)
    status, _, review = visitor.get(location)
    nonce = re.search(r'name="submission" value="([^"]+)"', review).group(1)
    status, _, done = visitor.post(location, {"submission": nonce})
    assert status == 200, done


def send_feedback_and_read_it_back(port, member_cookie):
    member = Browser(port, {"sessionid": member_cookie})
    _, _, form = member.get("/feedback/")
    nonce = re.search(r'name="nonce" value="([^"]+)"', form).group(1)
    status, _, thanks = member.post(
        "/feedback/",
        {"nonce": nonce, "topic": "incident", "message": "It happened again.", "website": ""},
    )
    assert status == 200 and "Thank you for your feedback" in thanks
    code = re.search(r"\d{4} \d{4} \d{4} \d{4} \d{4}", thanks).group(0)
    status, _, thread = member.post("/feedback/receipt/", {"code": code})
    assert "It happened again." in thread
    return code


def ask_and_support(port, member_cookie, session, to_support):
    member = Browser(port, {"sessionid": member_cookie})
    url = f"/facilitation/sessions/{session.pk}/questions/"
    assert member.get(url)[0] == 200
    assert member.post(url, {"text": "Can we talk about tone policing?"})[0] == 302
    assert member.post(f"{url}{to_support.pk}/support/", {})[0] == 302


def test_no_log_holds_a_token_code_address_browser_query_or_feedback_id(portal):
    port, env, logs = portal["port"], portal["env"], portal["logs"]
    token = portal["survey"].token

    answer_the_link_survey(port, portal["survey"], portal["question"])
    code = send_feedback_and_read_it_back(port, portal["member_cookie"])
    ask_and_support(port, portal["member_cookie"], portal["session"], portal["to_support"])
    stranger = Browser(port)
    assert stranger.get(f"/library/?q={SEARCH}")[0] == 200
    # Refused for want of a CSRF token: Django logs a warning naming the path.
    assert stranger.post(f"/surveys/link/{token}/?q={SEARCH}", {}, csrf=False)[0] == 403
    assert stranger.get("/about/")[0] == 200  # a page that is logged, as a control

    # The worker sends the digest (and its e-mail), as beat would have it do at 08:00.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from feedback.tasks import send_feedback_digest; send_feedback_digest.delay()",
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    worker_log = logs / "worker.log"
    wait_for(
        lambda: re.search(r"send_email\[[^\]]+\] succeeded", worker_log.read_text()),
        "the digest e-mail to be sent by the worker",
    )
    stop(portal["gunicorn"])
    stop(portal["worker"])

    access = (logs / "gunicorn-stdout.log").read_text()
    app = (logs / "gunicorn-stderr.log").read_text()
    worker = worker_log.read_text()
    # Each log works, and shows the lines it must (so a silent log cannot pass this test).
    assert '"GET /about/" 200' in access, access
    assert '"GET /surveys/link/<token>/" 302' in access, access
    assert "/feedback" not in access and "/questions/" not in access
    # Token missing, not cookie not set: the header's language picker (a form) on the library
    # page gave the stranger a CSRF cookie.
    assert "Forbidden (CSRF token missing.): /surveys/link/<token>/" in app, app
    assert "send_feedback_digest" in worker and "Anonymous feedback since the last digest" in worker

    feedback = Feedback.objects.get()
    needles = {
        "link token": token,
        "receipt code": code,
        "receipt code digits": code.replace(" ", ""),
        "client address": CLIENT_ADDRESS,
        "user agent": USER_AGENT,
        "user agent product": "LogProbe",
        "query string": SEARCH,
        "feedback id": str(feedback.pk),
        "feedback id (hex)": feedback.pk.hex,
        "survey answer": ANSWER,
    }
    found = {
        (log_name, needle_name)
        for log_name, text in [("access", access), ("app", app), ("worker", worker)]
        for needle_name, needle in needles.items()
        if needle.lower() in text.lower()
    }
    assert found == set()
