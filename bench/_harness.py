"""Shared by bench/pages.py, bench/peer_survey.py and bench/mixed_load.py: production-like
settings, a gunicorn that is always stopped again, signed-in cookies and wrk.

The machine's two cores are shared with wrk and often with other work, so absolute requests per
second mean little: every script compares pages measured side by side in one run, as ratios.
"""

import argparse
import contextlib
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BENCH_PORT = int(os.environ.get("BENCH_PORT", "8180"))


def production_env():
    """DEBUG=0 with a throwaway key: the same middleware, storages and caching as production.

    Needs DATABASE_URL (PostgreSQL) and REDIS_URL; set before django.setup() so that this
    process (which seeds data and signs people in) and gunicorn share the secret key.
    """
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a throwaway PostgreSQL database (the script adds rows).")
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL to a Redis database of your own (the cache and Celery's broker).")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("EMAIL_URL", "dummymail://")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")
    sys.path.insert(0, str(ROOT))


def start(doc):
    """What every side-by-side benchmark does first: read --seconds, --rounds and --port, then
    set up the portal with production settings and a migrated, seeded database."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=BENCH_PORT)
    args = parser.parse_args()
    production_env()
    import django

    django.setup()
    prepare_database()
    return args


def prepare_database():
    """Migrate, collect static files (the manifest storage needs them) and seed the demo."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if _static_out_of_date():
        # Slow (every file is compressed with gzip and Brotli): only when something changed.
        call_command("collectstatic", interactive=False, verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", force=True, stdout=quiet)


def _static_out_of_date():
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return True
    sources = [ROOT / "static", *ROOT.glob("*/static")]
    newest = max(
        (path.stat().st_mtime for folder in sources for path in folder.rglob("*")), default=0
    )
    return newest > manifest.stat().st_mtime


def session_cookie(user):
    """The header that makes wrk's requests come from `user`, signed in."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={value}"


HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, br"}


@contextlib.contextmanager
def gunicorn(port=BENCH_PORT, *, app="collective.wsgi", cwd=ROOT, python=PYTHON, env=None):
    """gunicorn -w 2 with the project's gunicorn.conf.py, stopped on the way out."""
    args = [python, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")]
    args += ["-w", "2", "-b", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", app]
    process = subprocess.Popen(
        args, cwd=cwd, env={**os.environ, **(env or {})}, start_new_session=True
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit code {process.returncode})")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=2)
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def fetch(url, cookie=None):
    """(status, body) of one GET, without following redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    headers = {"X-Forwarded-Proto": "https"}
    if cookie:
        headers["Cookie"] = cookie
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wrk(url, *, seconds, cookie=None, connections=16):
    """Requests per second from `wrk -t2 -c16`; fails loudly on non-2xx answers."""
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url]
    for name, value in HEADERS.items():
        args += ["-H", f"{name}: {value}"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url} answered with errors under load:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2
