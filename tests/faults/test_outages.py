"""Outages heal themselves: Redis and PostgreSQL go away under load, nothing is lost.

People sign up through a real gunicorn (-w 2, gunicorn.conf.py, DEBUG=0) while a real Celery
worker sends the verification e-mails. Mid-load, Redis is stopped and started again, or
PostgreSQL is restarted (private instances: tests/faults/conftest.py). Afterwards every
answered sign-up is in the database, every address got its e-mail exactly once, and the worker
is still running. Only requests in flight when PostgreSQL went down may fail, and they get the
friendly error page.
"""

import collections
import re
import threading
import time
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.services

THREADS = 3
FRIENDLY_500 = "Sorry, something went wrong on our side"
DOWN_SECONDS = 3
REDIS_DOWN_SECONDS = 15  # the issue saw the worker die after 20 s in 2 runs of 3


class Load:
    """THREADS people at a time sign up, one after another, until stopped (at most `limit`)."""

    def __init__(self, stack, label, limit=400):
        self.stack, self.label, self.limit = stack, label, limit
        self.results, self.lock, self.stopping = [], threading.Lock(), threading.Event()
        self.count = 0
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(THREADS)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for thread in self.threads:
            thread.join(60)

    def next_person(self):
        with self.lock:
            if self.count >= self.limit:
                return None
            self.count += 1
            return self.count

    def run(self):
        while not self.stopping.is_set():
            number = self.next_person()
            if number is None:
                return
            email = f"{self.label}-{number}@example.org"
            started = time.monotonic()
            status, body = sign_up(
                self.stack, email, address=f"10.9.{number // 250}.{number % 250}"
            )
            with self.lock:
                self.results.append((email, status, body, started, time.monotonic()))
            time.sleep(0.05)

    def answered(self):
        return [email for email, status, *_ in self.results if status == 302]

    def failed(self):
        return [(email, status, body) for email, status, body, *_ in self.results if status != 302]


def sign_up(stack, email, *, address):
    """GET the form (a CSRF cookie and token), then POST it, as a browser would."""
    headers = {"X-Forwarded-For": address}
    try:
        status, html, response_headers = stack.get("/accounts/signup/", headers)
        if status != 200:
            return status, html
        cookies = "; ".join(
            header.split(";")[0] for header in response_headers.get_all("Set-Cookie") or []
        )
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "email": email,
                "password1": "a-long-and-unusual-passphrase-42",
                "password2": "a-long-and-unusual-passphrase-42",
            }
        ).encode()
        request = urllib.request.Request(
            stack.url("/accounts/signup/"),
            data=data,
            headers={**headers, "Cookie": cookies},
        )
        opener = urllib.request.build_opener(NoRedirect)
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:  # the connection itself failed
        return 0, str(error)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def wait_for_mail(stack, expected, timeout=45):
    """Until every expected address has had its e-mail and the outbox is empty."""
    deadline = time.monotonic() + timeout
    last_sweep = 0
    while time.monotonic() < deadline:
        sent = collections.Counter(stack.sent_mail())
        if (
            set(expected) <= set(sent)
            and stack.sql("select count(*) from collective_outgoingemail") == "0"
        ):
            return sent
        if time.monotonic() - last_sweep > 5:
            stack.sweep()  # beat's job every two minutes; here every five seconds
            last_sweep = time.monotonic()
        time.sleep(0.5)
    sent = collections.Counter(stack.sent_mail())
    missing = sorted(set(expected) - set(sent))
    raise AssertionError(
        f"{len(missing)} e-mails never left: {missing[:5]}\n"
        f"outbox: {stack.sql('select count(*), max(attempts) from collective_outgoingemail')}\n"
        + stack.log("worker.log")[-3000:]
    )


def assert_worker_alive(stack):
    assert stack.worker.poll() is None, "the worker died:\n" + stack.log("worker.log")[-3000:]
    assert "Unrecoverable error" not in stack.log("worker.log")


def test_redis_stopped_and_started_mid_load_loses_nothing(stack):
    with Load(stack, "redis") as load:
        time.sleep(2)
        stack.redis.stop()
        time.sleep(REDIS_DOWN_SECONDS)
        stack.redis.start()
        time.sleep(3)
    assert len(load.results) >= 20, "the load never got going"
    print(f"{len(load.results)} sign-ups, {len(load.failed())} failed")
    assert load.failed() == [], [f[:2] for f in load.failed()[:3]] + [
        stack.log("gunicorn.log")[-3000:]
    ]
    answered = load.answered()
    stored = stack.sql("select email from collective_user where email like 'redis-%'")
    assert set(answered) <= set(stored.split())
    sent = wait_for_mail(stack, answered)
    ours = {to: n for to, n in sent.items() if to.startswith("redis-")}
    assert set(ours) == set(answered)
    assert set(ours.values()) == {1}, "some e-mails were sent twice"
    assert_worker_alive(stack)


def test_postgres_restarted_mid_load_loses_nothing(stack):
    with Load(stack, "pg") as load:
        time.sleep(2)
        stopping = time.monotonic()
        stack.postgres.stop()
        stopped = time.monotonic()
        time.sleep(DOWN_SECONDS)  # a restart that takes a while (recovery, a slow disk)
        stack.postgres.start()
        time.sleep(3)
    failed = load.failed()
    print(f"{len(load.results)} sign-ups, {len(failed)} failed")
    assert len(load.results) >= 20, "the load never got going"
    # Only requests in flight when the server went down may fail, with the friendly page;
    # those that arrive while it is down wait for it (DATABASE_CONNECT_WAIT).
    assert len(failed) <= THREADS, [(email, status) for email, status, _ in failed]
    for email, status, body in failed:
        assert status == 500 and FRIENDLY_500 in body, (email, status, body[:300])
    for email, status, _, started, ended in load.results:
        if status != 302:
            assert started <= stopped and ended >= stopping, (email, "failed outside the stop")
    answered = load.answered()
    stored = stack.sql("select email from collective_user where email like 'pg-%'")
    assert set(answered) <= set(stored.split())
    sent = wait_for_mail(stack, answered)
    ours = {to: n for to, n in sent.items() if to.startswith("pg-")}
    assert set(answered) <= set(ours)
    assert set(ours.values()) == {1}, "some e-mails were sent twice"
    assert_worker_alive(stack)


def test_a_restart_while_idle_costs_no_request(stack):
    """Each gunicorn worker keeps its connection (CONN_MAX_AGE); after a restart the dead one
    is noticed before reuse (CONN_HEALTH_CHECKS), not by failing the next person's request."""
    for _ in range(4):  # both workers open a connection to keep
        assert stack.get("/")[0] == 200
    stack.postgres.restart()
    statuses = [stack.get("/")[0] for _ in range(8)]
    assert statuses == [200] * 8
