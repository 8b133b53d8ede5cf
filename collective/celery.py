"""The Celery app: `celery -A collective worker -l info` and `celery -A collective beat -l info`."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")

app = Celery("collective")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def scrub_worker_logs(logger=None, **kwargs):
    """The worker and beat logs pass through the same scrubbing as the app's (docs/privacy.md)."""
    from collective.lib.logscrub import scrub_handlers

    scrub_handlers(logger)
