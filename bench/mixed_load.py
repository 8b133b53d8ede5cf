"""64 clients at once, browsing and sending feedback: nothing may be lost, and the p95 latency.

    DATABASE_URL=postgres://…/throwaway REDIS_URL=redis://127.0.0.1:6379/N \\
        .venv/bin/python bench/mixed_load.py [--clients 64] [--actions 8] [--port 8180]

Starts gunicorn -w 2 with gunicorn.conf.py and DEBUG=0 on the seeded demo content. Each client
does a bounded number of actions: three in four are a page view (home, library, a search, a
resource, the sessions, a signed-in member's surveys and survey page), one in four sends
anonymous feedback (GET the form, POST it with its CSRF token and nonce). A loss is any
request that fails, times out or answers 5xx, and any feedback that was answered "thank you"
but is not in the database afterwards. Prints losses (must be 0) and latency percentiles.
The feedback rate limit is raised for the run (every client comes from 127.0.0.1).
"""

import argparse
import http.client
import random
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402

TIMEOUT = 30


class Visit:
    """One client's requests, with its own cookies (sent by hand: they are Secure cookies and
    the bench talks plain HTTP to gunicorn, as the TLS proxy would)."""

    def __init__(self, port, cookie=""):
        self.port = port
        self.cookies = dict(part.split("=", 1) for part in cookie.split("; ") if part)

    def request(self, method, path, body=None):
        headers = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = headers["Referer"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] += path
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, content, elapsed


def send_feedback(visit, number):
    import gzip
    from urllib.parse import urlencode

    status, content, first = visit.request("GET", "/feedback/")
    html = gzip.decompress(content).decode() if content[:2] == b"\x1f\x8b" else content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    nonce = re.search(r'name="nonce" value="([^"]+)"', html).group(1)
    body = urlencode(
        {
            "csrfmiddlewaretoken": token,
            "nonce": nonce,
            "topic": "general",
            "message": f"Mixed load message {number}: the meetings are at hard times.",
        }
    )
    status2, content2, second = visit.request("POST", "/feedback/", body)
    page = gzip.decompress(content2) if content2[:2] == b"\x1f\x8b" else content2
    received = status2 == 200 and b"Thank you for your feedback" in page
    return [(status, first), (status2, second)], received


def client(port, browse, cookie, actions, seed):
    rng = random.Random(seed)
    results, sent, failures = [], 0, []
    for action in range(actions):
        try:
            if rng.random() < 0.25:
                timings, received = send_feedback(Visit(port), f"{seed}-{action}")
                results += timings
                sent += received
                if not received:
                    failures.append("feedback not received")
            else:
                path, signed_in = rng.choice(browse)
                status, _, elapsed = Visit(port, cookie if signed_in else "").request("GET", path)
                results.append((status, elapsed))
                if status >= 500:
                    failures.append(f"{path}: {status}")
        except (OSError, http.client.HTTPException, AttributeError) as error:
            failures.append(f"{type(error).__name__}: {error}")
    return results, sent, failures


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--actions", type=int, default=8)
    parser.add_argument("--port", type=int, default=_harness.BENCH_PORT)
    args = parser.parse_args()

    import os

    os.environ["FEEDBACK_RATE_LIMIT"] = "100000"
    _harness.production_env()
    import django

    django.setup()
    from pages import bench_member, pages

    from feedback.models import Feedback

    _harness.prepare_database()
    cookie = _harness.session_cookie(bench_member())
    browse = [(path, signed_in) for _, path, signed_in in pages() if path != "/feedback/"]
    before = Feedback.objects.count()
    with _harness.gunicorn(args.port):
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            runs = list(
                pool.map(
                    lambda seed: client(args.port, browse, cookie, args.actions, seed),
                    range(args.clients),
                )
            )
        wall = time.perf_counter() - started
    timings = [elapsed for results, _, _ in runs for _, elapsed in results]
    sent = sum(count for _, count, _ in runs)
    failures = [failure for _, _, run_failures in runs for failure in run_failures]
    stored = Feedback.objects.count() - before
    lost = len(failures) + max(sent - stored, 0)
    print(
        f"{args.clients} clients × {args.actions} actions: {len(timings)} requests in "
        f"{wall:.1f} s; feedback answered “thank you” {sent}, stored {stored}"
    )
    print(
        f"latency p50 {percentile(timings, 0.5):.2f} s, p95 {percentile(timings, 0.95):.2f} s, "
        f"max {max(timings):.2f} s"
    )
    print(f"losses: {lost}" + (f" ({', '.join(sorted(set(failures))[:5])})" if failures else ""))
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
