"""With Redis (cache and Celery broker) dead, feedback is still saved and staff are told later."""

import logging

import pytest
from django.core import mail
from django.test import override_settings

from collective import celery_app
from collective.models import OutgoingEmail
from collective.tasks import send_pending_emails
from feedback.models import Feedback
from feedback.tasks import send_feedback_digest
from tests.feedback.conftest import OPEN_URL, shown_code

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1
DEAD_CACHE = {
    "default": {
        "BACKEND": "collective.lib.cache.ResilientRedisCache",
        "LOCATION": DEAD,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def _reset_broker_pools():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def dead_redis():
    """The cache and the broker both point at a closed port, as when Redis has stopped."""
    broker = celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False  # publish for real, to the dead broker
    celery_app.conf.broker_url = DEAD
    _reset_broker_pools()
    with override_settings(CACHES=DEAD_CACHE):
        yield
    celery_app.conf.broker_url = broker
    _reset_broker_pools()


def test_a_submission_succeeds_and_logs_no_address(
    dead_redis, submit, feedback_reader, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(message="Sent while Redis was down", extra={"REMOTE_ADDR": "203.0.113.9"})

    assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.get().message == "Sent while Redis was down"
    assert "203.0.113.9" not in caplog.text


def test_the_digest_waits_in_the_outbox_and_is_sent_once_redis_is_back(
    dead_redis, submit, feedback_reader, django_capture_on_commit_callbacks, caplog
):
    submit()
    with django_capture_on_commit_callbacks(execute=True):
        send_feedback_digest()
    assert OutgoingEmail.objects.get().to == [feedback_reader.email]
    assert mail.outbox == []
    assert "Could not enqueue" in caplog.text
    celery_app.conf.task_always_eager = True  # the broker (and a worker) are back
    send_pending_emails()
    assert [m.to for m in mail.outbox] == [[feedback_reader.email]]
    assert not OutgoingEmail.objects.exists()


def test_the_rate_limit_fails_open(dead_redis, submit):
    for _ in range(22):
        response = submit(extra={"REMOTE_ADDR": "203.0.113.9"})
        assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.count() == 22


def test_a_receipt_code_still_opens_the_feedback(dead_redis, client, submit):
    code = shown_code(submit(message="Can I still read this?"))
    response = client.post(OPEN_URL, {"code": code})
    assert "Can I still read this?" in response.content.decode()


@pytest.fixture(autouse=True)
def _quiet_cache_warnings(caplog):
    caplog.set_level(logging.WARNING)
