"""Every beat job, run twice in a row, sends each reminder once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from library import services, tasks
from library.models import Loan

today = timezone.localdate


def _run_twice(job, capture):
    with capture(execute=True):
        job()
    with capture(execute=True):
        job()


def _due(loan, days_from_today):
    Loan.objects.filter(pk=loan.pk).update(due_on=today() + timedelta(days=days_from_today))


def test_due_soon_reminder_is_sent_once(on_loan, member, django_capture_on_commit_callbacks):
    _due(on_loan, 2)
    _run_twice(tasks.send_due_soon_reminders, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert "is due back" in mail.outbox[0].subject


def test_no_due_soon_reminder_for_a_loan_due_later(on_loan, django_capture_on_commit_callbacks):
    _due(on_loan, 10)
    _run_twice(tasks.send_due_soon_reminders, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_renewed_loan_gets_a_fresh_due_soon_reminder(on_loan, django_capture_on_commit_callbacks):
    _due(on_loan, 1)
    _run_twice(tasks.send_due_soon_reminders, django_capture_on_commit_callbacks)
    on_loan.refresh_from_db()
    services.loan_renew(loan=on_loan)
    _due(on_loan, 1)
    _run_twice(tasks.send_due_soon_reminders, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2


@override_settings(LIBRARY_OVERDUE_REMINDER_DAYS=[1, 7, 14])
def test_overdue_reminders_repeat_at_each_interval_once(
    on_loan, django_capture_on_commit_callbacks
):
    sent = []
    for late in [0, 1, 2, 7, 8, 14, 30]:
        _due(on_loan, -late)
        _run_twice(tasks.send_overdue_reminders, django_capture_on_commit_callbacks)
        sent.append(len(mail.outbox))
    # Nothing on the due date; one at 1, 7 and 14 days late; nothing more after that.
    assert sent == [0, 1, 1, 2, 2, 3, 3]
    assert all("overdue" in m.subject for m in mail.outbox)


def test_overdue_reminders_stop_once_returned(on_loan, django_capture_on_commit_callbacks):
    _due(on_loan, -3)
    services.loan_return(loan=on_loan)
    _run_twice(tasks.send_overdue_reminders, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_ready_notice_sweep_sends_only_what_was_missed(
    book, member, django_capture_on_commit_callbacks
):
    loan = services.loan_request(resource=book, borrower=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.loan_approve(loan=loan)
    # Approved in the past without a notice (e.g. before a failure): the sweep catches it.
    loan.reminders.all().delete()
    _run_twice(tasks.send_ready_notices, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert all("ready for you" in m.subject for m in mail.outbox)


def test_expiry_job_passes_uncollected_offers_on(
    on_loan, book, other_member, django_capture_on_commit_callbacks
):
    waiting = services.loan_request(resource=book, borrower=other_member)
    services.loan_return(loan=on_loan)
    Loan.objects.filter(pk=waiting.pk).update(pickup_by=today() - timedelta(days=1))
    _run_twice(tasks.expire_uncollected_offers, django_capture_on_commit_callbacks)
    waiting.refresh_from_db()
    assert waiting.status == Loan.Status.EXPIRED
    assert [m.subject for m in mail.outbox if "lapsed" in m.subject] != []
    assert len([m for m in mail.outbox if "lapsed" in m.subject]) == 1


def test_curator_digest_goes_once_a_day_to_curators_only(
    book, member, library_curator, feedback_reader, django_capture_on_commit_callbacks
):
    services.loan_request(resource=book, borrower=member)
    _run_twice(tasks.send_curator_digest, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [library_curator.email]
    assert "1 request(s) to approve" in mail.outbox[0].body


def test_no_digest_when_nothing_waits(library_curator, django_capture_on_commit_callbacks):
    _run_twice(tasks.send_curator_digest, django_capture_on_commit_callbacks)
    assert mail.outbox == []


@pytest.mark.parametrize("kind", ["due_soon", "overdue", "ready"])
def test_a_reminder_task_for_a_loan_that_no_longer_needs_it_sends_nothing(
    on_loan, kind, django_capture_on_commit_callbacks
):
    services.loan_return(loan=on_loan)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_loan_reminder(on_loan.pk, kind, 1)
    assert mail.outbox == []


def test_every_library_beat_job_names_a_real_task(settings):
    from collective.celery import app

    app.loader.import_default_modules()
    jobs = {k: v for k, v in settings.CELERY_BEAT_SCHEDULE.items() if k.startswith("library-")}
    assert len(jobs) == 6
    for job in jobs.values():
        assert job["task"] in app.tasks, job["task"]
