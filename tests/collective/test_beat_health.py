"""Beat's health check sees a frozen beat, not only a missing one.

The scheduler touches a heartbeat file after every tick; `manage.py beat_health` fails when the
file is missing or older than --max-age. The last test freezes a real beat process (SIGSTOP).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from collective import celery_app
from collective.beat import HeartbeatScheduler

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def heartbeat(tmp_path):
    path = tmp_path / "beat.heartbeat"
    with override_settings(BEAT_HEARTBEAT_FILE=str(path)):
        yield path


def beat_health(*args):
    """Run the check as the container does; return (exit status, output)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "beat_health", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.returncode, result.stdout + result.stderr


def test_the_check_fails_before_beat_has_ever_ticked(heartbeat):
    with pytest.raises(CommandError, match="has not ticked yet"):
        call_command("beat_health")


def test_the_check_passes_after_a_recent_tick(heartbeat, capsys):
    heartbeat.touch()
    call_command("beat_health", "--max-age", "60")
    assert "beat ok" in capsys.readouterr().out


def test_the_check_fails_when_the_last_tick_is_too_old(heartbeat):
    heartbeat.touch()
    old = time.time() - 121
    os.utime(heartbeat, (old, old))
    with pytest.raises(CommandError, match="beat is frozen: last tick 121 s ago"):
        call_command("beat_health", "--max-age", "120")


def test_every_tick_touches_the_heartbeat(heartbeat, tmp_path):
    scheduler = HeartbeatScheduler(app=celery_app, schedule_filename=str(tmp_path / "schedule"))
    try:
        scheduler.tick()
        first = heartbeat.stat().st_mtime
        os.utime(heartbeat, (first - 100, first - 100))
        scheduler.tick()
        assert heartbeat.stat().st_mtime > first - 100
    finally:
        scheduler.close()


def test_beat_ticks_at_least_every_thirty_seconds():
    # The health check's limit (BEAT_HEALTH_MAX_AGE, 120 s) leaves room for four ticks.
    assert celery_app.conf.beat_max_loop_interval == 30
    assert celery_app.conf.beat_scheduler == "collective.beat.HeartbeatScheduler"


def test_a_frozen_beat_process_fails_the_check(tmp_path, monkeypatch):
    heartbeat = tmp_path / "beat.heartbeat"
    monkeypatch.setenv("BEAT_HEARTBEAT_FILE", str(heartbeat))
    # memory:// broker and no eager tasks: a job falling due publishes nowhere and runs nothing.
    env = os.environ | {"REDIS_URL": "", "CELERY_TASK_ALWAYS_EAGER": "0"}
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "collective", "beat", "--max-interval", "1"]
        + ["-s", str(tmp_path / "schedule"), "-l", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):  # up to 60 s for the process to start on a loaded machine
            if heartbeat.exists():
                break
            time.sleep(0.5)
        assert beat_health("--max-age", "5")[0] == 0

        beat.send_signal(signal.SIGSTOP)  # alive, but frozen
        time.sleep(6)
        status, output = beat_health("--max-age", "5")
        assert status == 1 and "beat is frozen" in output

        beat.send_signal(signal.SIGCONT)
        time.sleep(2)
        assert beat_health("--max-age", "5")[0] == 0
    finally:
        beat.send_signal(signal.SIGCONT)
        beat.terminate()
        beat.wait(timeout=30)
