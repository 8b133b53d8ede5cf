"""Account e-mail through a real Celery worker and Redis, as in production."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from collective import celery_app
from collective.models import OutgoingEmail
from tests.conftest import require_redis

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def real_worker():
    require_redis()
    celery_app.conf.task_always_eager = False
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    celery_app.conf.task_always_eager = True


@pytest.mark.django_db(transaction=True)
def test_verification_email_is_delivered_by_the_worker(client, real_worker):
    response = client.post(
        "/accounts/signup/",
        {"email": "worker@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    # The worker sends, then deletes the outbox row and commits: wait for both to be seen.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (not mail.outbox or OutgoingEmail.objects.exists()):
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["worker@example.org"]]
    assert not OutgoingEmail.objects.exists()
