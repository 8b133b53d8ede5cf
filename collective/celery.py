"""The Celery app: `celery -A collective worker -l info` and `celery -A collective beat -l info`."""

import os

from celery import Celery, signals
from kombu.transport import redis as kombu_redis
from redis import exceptions as redis_exceptions

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


def _guard_closed_channel():
    """Keep the worker alive when a task finishes after Redis went away (kombu 5.7).

    With late acknowledgement, a task that ends during an outage acknowledges its message on a
    channel whose transport has lost its client; building a connection pool then read
    `None.hostname`, and the AttributeError escaped `ack_log_error` (which only catches the
    transport's connection errors), stopping the worker (CI, tests/faults). Raise the
    connection error kombu expects instead: the acknowledgement is logged as failed, the message
    stays unacknowledged and Redis redelivers it; the outbox sends each e-mail once.
    """
    original = kombu_redis.Channel._connparams
    if getattr(original, "_guarded", False):
        return

    def _connparams(self, asynchronous=False):
        if self.connection is None or self.connection.client is None:
            raise redis_exceptions.ConnectionError("the broker connection is closed")
        return original(self, asynchronous=asynchronous)

    _connparams._guarded = True
    kombu_redis.Channel._connparams = _connparams


_guard_batch_publish()
_guard_closed_channel()

app = Celery("collective")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.after_setup_logger.connect
@signals.after_setup_task_logger.connect
def scrub_worker_logs(logger=None, **kwargs):
    """The worker and beat logs pass through the same scrubbing as the app's (docs/privacy.md)."""
    from collective.lib.logscrub import scrub_handlers

    scrub_handlers(logger)
