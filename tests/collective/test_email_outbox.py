"""Nothing lost: e-mail goes through an outbox committed with the change that caused it."""

import pytest
from django.core import mail
from django.db import transaction
from kombu.exceptions import OperationalError

from collective import celery_app, tasks
from collective.lib import emails
from collective.models import OutgoingEmail
from tests.conftest import require_redis

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def broker_down(monkeypatch):
    """Publishing fails exactly as it does when Redis is unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_email, "delay", refuse)


@pytest.mark.django_db
def test_sign_up_succeeds_with_the_broker_down_and_mail_is_sent_later(
    client, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/signup/",
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert mail.outbox == []
    assert OutgoingEmail.objects.get().to == ["new@example.org"]

    tasks.send_email.run(OutgoingEmail.objects.get().pk)  # Redis is back: the sweep sends it
    assert [m.to for m in mail.outbox] == [["new@example.org"]]
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sign_up_with_redis_unreachable_still_saves_the_account(client, settings):
    """A real dead Redis (a closed port) as cache and broker: sign-up works, mail waits."""
    require_redis()
    settings.CACHES = {
        "default": {
            "BACKEND": "collective.lib.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    old_url, old_pool = celery_app.conf.broker_url, celery_app._pool
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app._pool = None
    try:
        response = client.post(
            "/accounts/signup/",
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    finally:
        celery_app.conf.broker_url, celery_app._pool = old_url, old_pool
        celery_app.conf.task_always_eager = True
    assert response.status_code == 302
    assert OutgoingEmail.objects.filter(to=["new@example.org"]).count() == 1
    tasks.send_pending_emails.run()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_smtp_failure_keeps_the_message_for_a_retry(
    monkeypatch, django_capture_on_commit_callbacks
):
    def smtp_down(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", smtp_down)
    with django_capture_on_commit_callbacks(execute=True):
        emails.queue(to=["a@example.org"], subject="Hello", body="Hi")
    email = OutgoingEmail.objects.get()
    assert email.attempts >= 1
    assert "SMTP server down" in email.last_error


@pytest.mark.django_db
def test_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            emails.queue(to=["a@example.org"], subject="Hello", body="Hi")
            raise RuntimeError
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_sending_twice_delivers_once(django_capture_on_commit_callbacks):
    email = emails.queue(to=["a@example.org"], subject="Hello", body="Hi")
    tasks.send_email.run(email.pk)
    tasks.send_email.run(email.pk)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_nothing_is_queued_while_suppressed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), emails.suppressed():
        assert emails.queue(to=["a@example.org"], subject="Hello", body="Hi") is None
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()
