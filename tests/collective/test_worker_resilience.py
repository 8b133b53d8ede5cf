"""The worker survives Redis going away (the kombu crash in issue 11), and keeps retrying."""

from kombu import Connection

from collective import celery_app


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
