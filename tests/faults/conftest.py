"""Private services for the fault tests: they stop and restart these, never the shared ones.

- `stack`: a private PostgreSQL cluster (initdb + pg_ctl in a temporary directory, as the
  postgres user when run as root) and a private redis-server, each on a free port of its own;
  the portal migrated into it; gunicorn (-w 2, the repo's gunicorn.conf.py, DEBUG=0) and a real
  Celery worker against them; e-mail written to files (Django's file backend) so the test can
  count every message that left.
- Everything started here is stopped here, by process id.
"""

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1:] or [""]
PG_BIN = Path(PG_BIN[0])
# Ports of this project's private instances (see the brief): web, PostgreSQL, Redis.
WEB_PORTS, PG_PORTS, REDIS_PORTS = range(8145, 8150), range(5440, 5450), range(6390, 6400)
SECRET = "fault-tests-" + "k3y9" * 12


def missing(reason):
    from tests.conftest import missing_service

    missing_service(reason)


def free_port(candidates):
    for port in candidates:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip(f"no free port in {candidates}")


def wait_for(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def stop_process(process, timeout=10):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class Redis:
    def __init__(self, port, logdir):
        self.port, self.logdir, self.process = port, logdir, None

    def start(self):
        log = open(self.logdir / "redis.log", "ab")
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
            + ["--appendonly", "no"],
            stdout=log,
            stderr=log,
        )
        wait_for(self.ping, 10, "redis-server")

    def ping(self):
        with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def stop(self):
        stop_process(self.process)


class Postgres:
    """A cluster of our own; `restart()` is what an operator's `pg_ctl restart` does."""

    def __init__(self, port, directory):
        self.port, self.directory = port, directory
        self.data = directory / "data"
        self.as_postgres = os.geteuid() == 0

    def run(self, *args, check=True):
        command = [str(PG_BIN / args[0]), *args[1:]]
        if self.as_postgres:  # initdb and postgres refuse to run as root
            command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=60)

    def init(self):
        if self.as_postgres:
            shutil.chown(self.directory, "postgres")
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    def start(self):
        options = f"'-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off'"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.directory / "pg.log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def restart(self):
        # stop + start rather than `pg_ctl restart`, which would not pass the log file on and
        # so would hold our output pipe open.
        self.stop()
        self.start()

    def stop(self):
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/collective"


class Stack:
    def __init__(self, directory):
        self.directory = directory
        self.mail_dir = directory / "mail"
        self.mail_dir.mkdir()
        self.redis = Redis(free_port(REDIS_PORTS), directory)
        self.postgres = Postgres(free_port(PG_PORTS), directory / "pg")
        self.web_port = free_port(WEB_PORTS)
        self.web = self.worker = None

    def env(self):
        return {
            **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
            "DJANGO_SETTINGS_MODULE": "tests.faults.settings",
            "DEBUG": "0",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "BEHIND_TLS_PROXY": "0",
            "TRUSTED_PROXY_COUNT": "1",  # each simulated person has an address of their own
            "DATABASE_URL": self.postgres.url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis.port}/0",
            "FAULTS_MAIL_DIR": str(self.mail_dir),
            "SITE_URL": f"http://127.0.0.1:{self.web_port}",
            "PORT": str(self.web_port),
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def start_web(self):
        log = open(self.directory / "gunicorn.log", "ab")
        self.web = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{self.web_port}",
                "collective.wsgi",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=log,
        )
        wait_for(lambda: self.get("/healthz")[0] == 200, 30, "gunicorn")

    def start_worker(self):
        log = open(self.directory / "worker.log", "ab")
        self.worker = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "collective",
                "worker",
                "-l",
                "info",
                "-c",
                "2",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=log,
            stderr=log,
        )

    def sweep(self):
        """What beat's `collective-send-pending-email` job does every two minutes."""
        subprocess.run(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "collective",
                "call",
                "collective.tasks.send_pending_emails",
            ],
            cwd=ROOT,
            env=self.env(),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def get(self, path, headers=None):
        request = urllib.request.Request(self.url(path), headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def url(self, path):
        return f"http://127.0.0.1:{self.web_port}{path}"

    def sent_mail(self):
        """Recipients of every message the file backend wrote, one entry per message."""
        recipients = []
        for path in self.mail_dir.glob("*.log"):
            for line in path.read_text(errors="replace").splitlines():
                if line.startswith("To: "):
                    recipients.append(line[4:].strip())
        return recipients

    def sql(self, query):
        result = subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.postgres.port),
                "-U",
                "postgres",
                "-d",
                "collective",
                "-Atc",
                query,
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=30,
        )
        return result.stdout.strip()

    def log(self, name):
        path = self.directory / name
        return path.read_text(errors="replace") if path.exists() else ""

    def close(self):
        for process in (self.web, self.worker):
            if process is not None:
                stop_process(process)
        self.redis.stop()
        self.postgres.stop()


@pytest.fixture(scope="module")
def stack():
    if not (PG_BIN / "initdb").exists() or not shutil.which("redis-server"):
        missing("the fault tests need PostgreSQL's initdb and redis-server installed")
    directory = Path(tempfile.mkdtemp(prefix="collective-faults-"))
    (directory / "pg").mkdir()
    os.chmod(directory, 0o755)
    stack = Stack(directory)
    try:
        stack.postgres.init()
        stack.postgres.start()
        stack.postgres.run(
            "createdb",
            "-h",
            "127.0.0.1",
            "-p",
            str(stack.postgres.port),
            "-U",
            "postgres",
            "collective",
        )
        stack.redis.start()
        stack.manage("migrate", "--noinput")
        stack.start_web()
        stack.start_worker()
        yield stack
    finally:
        stack.close()
        if not os.environ.get("FAULTS_KEEP"):
            shutil.rmtree(directory, ignore_errors=True)
