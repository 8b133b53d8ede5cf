"""Celery beat's scheduler, with a heartbeat a health check can read.

A beat process can be alive and frozen (a hung publish, a stopped process): a check that only
looks for the process or its schedule file passes while no job runs, and the daily privacy purges
silently stop. This scheduler touches a heartbeat file after every tick; beat ticks at least every
`CELERY_BEAT_MAX_LOOP_INTERVAL` seconds, so `manage.py beat_health` fails when the file is older
than a few intervals.
"""

from pathlib import Path

from celery.beat import PersistentScheduler
from django.conf import settings


def heartbeat_path():
    return Path(settings.BEAT_HEARTBEAT_FILE)


class HeartbeatScheduler(PersistentScheduler):
    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        # After the tick, so a tick that hangs (a publish that never returns) goes stale too.
        heartbeat_path().touch()
        return interval
