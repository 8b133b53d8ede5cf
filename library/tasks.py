"""Library beat jobs. Each periodic job fans out one task per loan; each task is idempotent.

The schedule is in collective/settings.py (the library block); docs/library.md lists the jobs.
"""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from collective.lib import emails
from collective.lib.tasks import RETRY
from library import services
from library.models import CuratorDigest, Loan, LoanReminder, Suggestion
from library.notices import curator_addresses


@shared_task(**RETRY)
def send_loan_reminder(loan_id, kind, interval=0):
    loan = Loan.objects.filter(pk=loan_id).first()
    if loan is None:
        return
    # A database hiccup raises: retried later; the reminder row prevents doubles.
    services.loan_remind(loan=loan, kind=kind, interval=interval)


@shared_task(**RETRY)
def expire_offer(loan_id):
    loan = Loan.objects.filter(pk=loan_id).first()
    if loan is None:
        return
    services.offer_expire(loan=loan)


def _fan_out(task, loan_ids, *args):
    for loan_id in loan_ids:
        task.delay(loan_id, *args)


@shared_task(**RETRY)
def send_ready_notices():
    """Catch any approved or offered loan whose "ready" notice has not gone (e.g. a retry)."""
    loans = Loan.objects.filter(status__in=[Loan.Status.APPROVED, Loan.Status.OFFERED]).exclude(
        reminders__kind=LoanReminder.Kind.READY
    )
    _fan_out(send_loan_reminder, loans.values_list("pk", flat=True), LoanReminder.Kind.READY)


@shared_task(**RETRY)
def send_due_soon_reminders():
    loans = Loan.objects.due_soon().values_list("pk", flat=True)
    _fan_out(send_loan_reminder, loans, LoanReminder.Kind.DUE_SOON)


@shared_task(**RETRY)
def send_overdue_reminders():
    """For each overdue loan, the latest interval it has reached (never a flood of old ones)."""
    today = timezone.localdate()
    intervals = sorted(settings.LIBRARY_OVERDUE_REMINDER_DAYS)
    for loan_id, due_on in Loan.objects.overdue(today).values_list("pk", "due_on"):
        late = (today - due_on).days
        reached = [days for days in intervals if days <= late]
        if reached:
            send_loan_reminder.delay(loan_id, LoanReminder.Kind.OVERDUE, reached[-1])


@shared_task(**RETRY)
def expire_uncollected_offers():
    today = timezone.localdate()
    loans = Loan.objects.filter(
        status__in=[Loan.Status.APPROVED, Loan.Status.OFFERED], pickup_by__lt=today
    )
    _fan_out(expire_offer, loans.values_list("pk", flat=True))


def digest_counts(today=None):
    today = today or timezone.localdate()
    return {
        "requests": Loan.objects.filter(status=Loan.Status.REQUESTED).count(),
        "waiting": Loan.objects.filter(status=Loan.Status.WAITING).count(),
        "to_hand_over": Loan.objects.filter(
            status__in=[Loan.Status.APPROVED, Loan.Status.OFFERED]
        ).count(),
        "due_soon": Loan.objects.due_soon(today).count(),
        "overdue": Loan.objects.overdue(today).count(),
        "suggestions": Suggestion.objects.filter(status=Suggestion.Status.PENDING).count(),
    }


@shared_task(**RETRY)
def send_curator_digest():
    """Once a day, tell the curators what waits for them (nothing is sent when nothing waits)."""
    today = timezone.localdate()
    counts = digest_counts(today)
    recipients = curator_addresses()
    if not any(counts.values()) or not recipients:
        return
    try:
        with transaction.atomic():
            CuratorDigest.objects.create(sent_on=today)
            emails.send("library-curator-digest", to=recipients, context={"counts": counts})
    except IntegrityError:  # today's digest has gone already
        return


@shared_task(**RETRY)
def anonymise_old_loans():
    services.loans_anonymise()
    # Reminder rows say which loans had which e-mail; once a loan is anonymised they go too.
    cutoff = timezone.localdate() - timedelta(days=settings.LIBRARY_ANONYMISE_AFTER_DAYS)
    LoanReminder.objects.filter(loan__anonymised=True, sent_on__lte=cutoff).delete()
