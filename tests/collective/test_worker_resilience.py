"""The worker survives Redis going away (the kombu crash in issue 11), and keeps retrying."""

import logging

from django.conf import settings
from kombu import Connection
from kombu.message import Message

from collective import celery_app
from tests.conftest import require_redis


def test_a_closed_redis_transport_does_not_crash_a_producer():
    connection = Connection("redis://127.0.0.1:1/0")
    transport = connection.transport
    connection.close()  # what an outage does: the transport loses its client
    assert transport.client is None
    # kombu 5.7 raised AttributeError: 'NoneType' object has no attribute 'transport_options'
    assert transport.supports_batch_publish is False


def test_the_worker_reconnects_for_as_long_as_it_takes():
    assert celery_app.conf.broker_connection_retry is True
    assert celery_app.conf.broker_connection_max_retries is None
    assert celery_app.conf.broker_connection_retry_on_startup is True


def test_a_task_ending_during_an_outage_does_not_stop_the_worker(caplog):
    """Late acknowledgement on a channel whose transport lost its client (CI, stop 15)."""
    require_redis()
    connection = Connection(settings.REDIS_URL)
    channel = connection.default_channel
    channel._pool = None
    message = Message(channel=channel, delivery_tag="1", body=b"{}")
    channel.connection.client = None  # what the outage leaves behind
    # kombu 5.7 raised AttributeError: 'NoneType' object has no attribute 'hostname', which
    # ack_log_error does not catch, and the worker stopped.
    message.ack_log_error(logging.getLogger("celery.worker"), channel.connection.connection_errors)
    assert "Couldn't ack" in caplog.text
    assert message.acknowledged is False
