"""Retries that do what they say, and an outbox that gives up politely.

- Every task retries with backoff, jitter and a limit (autoretry_for; not a fixed 60 s).
- The sweep leaves messages that have used their attempts; superusers see them with the last
  error and send them again with an action that is written to the admin log.
"""

import importlib

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from kombu.exceptions import OperationalError

from collective import celery_app, tasks
from collective.lib import emails
from collective.models import OutgoingEmail

APPS = {"collective", "surveys", "library", "facilitation", "feedback"}


def test_every_task_retries_with_backoff_jitter_and_a_limit():
    for app in APPS:
        importlib.import_module(f"{app}.tasks")
    ours = {name: task for name, task in celery_app.tasks.items() if name.split(".")[0] in APPS}
    assert len(ours) >= 15
    for name, task in ours.items():
        assert task.autoretry_for == (Exception,), name
        assert task.retry_backoff and task.retry_jitter, name
        assert 0 < task.max_retries < 20, name


@pytest.fixture
def smtp_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)


@pytest.fixture
def broker_down(monkeypatch):
    enqueued = []

    def refuse(email_id):
        enqueued.append(email_id)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.send_email, "delay", refuse)
    return enqueued


@pytest.mark.django_db
def test_a_message_that_used_its_attempts_is_left_out_of_the_sweep(
    settings, smtp_down, broker_down
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = OutgoingEmail.objects.create(to=["a@example.org"], subject="Hi", body="Hi")
    _try_once(email.pk)
    _try_once(email.pk)
    tasks.send_email.run(email.pk)  # the last attempt records the error and gives up quietly
    email.refresh_from_db()
    assert email.attempts == 3
    assert "SMTP server down" in email.last_error
    tasks.send_email.run(email.pk)  # parked: not tried again
    email.refresh_from_db()
    assert email.attempts == 3

    tasks.send_pending_emails.run()
    tasks.send_pending_emails.run(failed=True)
    assert broker_down == [], "a parked message starts no new chain of retries"


def _try_once(email_id):
    with pytest.raises(ConnectionRefusedError):
        tasks.send_email.run(email_id)


@pytest.mark.django_db
def test_the_sweeps_pick_never_tried_and_lost_retries_apart(settings, broker_down):
    settings.EMAIL_MAX_ATTEMPTS = 5
    never = OutgoingEmail.objects.create(to=["a@example.org"], subject="A", body="A")
    failed = OutgoingEmail.objects.create(to=["b@example.org"], subject="B", body="B", attempts=2)
    OutgoingEmail.objects.create(to=["c@example.org"], subject="C", body="C", attempts=5)
    tasks.send_pending_emails.run()
    assert broker_down == [never.pk]
    tasks.send_pending_emails.run(failed=True)
    assert broker_down == [never.pk, failed.pk]


@pytest.mark.django_db
def test_superuser_sees_the_last_error_and_retries_with_an_admin_log_entry(
    client, superuser, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_MAX_ATTEMPTS = 3
    email = OutgoingEmail.objects.create(
        to=["a@example.org"], subject="Your book", body="Hi", attempts=3, last_error="SMTP 550"
    )
    client.force_login(superuser)
    page = client.get("/admin/collective/outgoingemail/?delivery=given-up").content.decode()
    assert "Your book" in page and "SMTP 550" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/collective/outgoingemail/",
            {"action": "retry", "_selected_action": [email.pk]},
        )
    assert response.status_code == 302
    assert [m.subject for m in mail.outbox] == ["Your book"]
    assert not OutgoingEmail.objects.exists()
    entry = LogEntry.objects.get()
    assert entry.user == superuser and entry.change_message == "Queued again for sending"


@pytest.mark.django_db
def test_staff_who_are_not_superusers_cannot_see_the_outbox(client, feedback_reader):
    OutgoingEmail.objects.create(to=["a@example.org"], subject="Hi", body="Hi")
    client.force_login(feedback_reader)
    assert client.get("/admin/collective/outgoingemail/").status_code == 403


@pytest.mark.django_db
def test_a_failed_send_raises_for_autoretry_after_recording_the_attempt(smtp_down):
    email = emails.queue(to=["a@example.org"], subject="Hello", body="Hi")
    with pytest.raises(ConnectionRefusedError):
        tasks.send_email.run(email.pk)
    email.refresh_from_db()
    assert email.attempts == 1
