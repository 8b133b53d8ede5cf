"""The Celery app: `celery -A collective worker -l info` and `celery -A collective beat -l info`."""

import os

from celery import Celery, signals
from kombu.transport import redis as kombu_redis

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collective.settings")


def _guard_batch_publish():
    """Keep the worker alive when Redis goes away (kombu 5.7's Redis transport).

    When the broker connection is closed during an outage, kombu clears the transport's
    `client`; a producer that then asks `supports_batch_publish` read
    `self.client.transport_options` and `.hostname`, and the worker died with "Unrecoverable
    error: AttributeError('NoneType' object has no attribute 'hostname')". A transport without
    a client cannot batch: answer False, and the worker goes on reconnecting
    (broker_connection_retry) until Redis is back.
    """
    original = kombu_redis.Transport.supports_batch_publish
    if getattr(original.fget, "_guarded", False):
        return

    def supports_batch_publish(self):
        if self.client is None:
            return False
        return original.fget(self)

    supports_batch_publish._guarded = True
    kombu_redis.Transport.supports_batch_publish = property(supports_batch_publish)


_guard_batch_publish()

app = Celery("collective")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def scrub_worker_logs(logger=None, **kwargs):
    """The worker and beat logs pass through the same scrubbing as the app's (docs/privacy.md)."""
    from collective.lib.logscrub import scrub_handlers

    scrub_handlers(logger)
