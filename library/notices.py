"""E-mails about loans. Each reminder is recorded, so that it is sent once per loan and interval.

Every function here is called inside the transaction that decides to send: the LoanReminder
row and the outbox e-mail commit together, or neither does.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from collective.lib import emails
from collective.lib.groups import LIBRARY_CURATORS
from library.models import LoanReminder


def loan_context(loan):
    return {
        "loan": loan,
        "resource": loan.resource,
        "name": loan.who,
        "loan_url": loan.get_absolute_url(),
    }


def send_loan_email(name, loan, **extra):
    if loan.contact_email:
        emails.send(f"library-{name}", to=[loan.contact_email], context=loan_context(loan) | extra)


def send_reminder_once(loan, kind, *, interval=0):
    """Record and send a reminder unless this loan already had it. True if it was sent."""
    try:
        # A savepoint: a duplicate (a job run twice, or two jobs at once) only undoes itself.
        with transaction.atomic():
            LoanReminder.objects.create(
                loan=loan, kind=kind, renewal=loan.renewals, interval=interval
            )
    except IntegrityError:
        return False
    send_loan_email(kind.replace("_", "-"), loan, interval=interval)
    return True


def curator_addresses():
    User = get_user_model()
    curators = User.objects.filter(is_active=True, groups__name=LIBRARY_CURATORS)
    return sorted(set(curators.values_list("email", flat=True)))
