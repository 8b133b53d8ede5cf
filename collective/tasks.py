import logging
import time

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from collective.lib.emails import enqueue
from collective.lib.tasks import RETRY
from collective.models import OutgoingEmail, Session

logger = logging.getLogger(__name__)


@shared_task(**{**RETRY, "max_retries": settings.EMAIL_MAX_ATTEMPTS - 1})
def send_email(email_id):
    sent = False
    try:
        with transaction.atomic():
            # Lock the row so a retry and the beat sweep cannot send the same message twice; a
            # row another worker is sending right now is skipped (that worker sends or records it).
            email = (
                OutgoingEmail.objects.select_for_update(skip_locked=True)
                .filter(pk=email_id)
                .first()
            )
            if email is None:  # already sent (rows are deleted once sent), or being sent
                return
            if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
                return  # parked: a superuser retries it from the admin
            try:
                _message(email).send()
            except Exception as exc:
                email.attempts += 1
                email.last_error = f"{type(exc).__name__}: {exc}"[:255]
                email.save(update_fields=["attempts", "last_error"])
                error = exc
            else:
                sent = True
                email.delete()
                return
    except DatabaseError:
        if not sent:
            raise  # nothing left: the retry sends it
        # The message left but the database went away before the row's deletion committed:
        # delete it now, without sending again (every e-mail exactly once).
        _forget_sent(email_id)
        return
    if email.attempts >= settings.EMAIL_MAX_ATTEMPTS:
        logger.warning("E-mail %s failed %s times; left for a superuser", email_id, email.attempts)
        return
    logger.warning("Sending e-mail %s failed; it will be retried", email_id)
    raise error  # autoretry_for: retried with backoff and jitter (the attempt is committed)


def _message(email):
    message = EmailMultiAlternatives(
        subject=email.subject, body=email.body, from_email=email.from_email, to=email.to
    )
    if email.html:
        message.attach_alternative(email.html, "text/html")
    return message


def _forget_sent(email_id, tries=10):
    for _ in range(tries):
        connection.close()  # the old connection is broken; the next query reconnects (waiting)
        try:
            OutgoingEmail.objects.filter(pk=email_id).delete()
            return
        except DatabaseError:
            time.sleep(1)
    logger.error("E-mail %s was sent but is still in the outbox; it may be sent again", email_id)


@shared_task(**RETRY)
def send_pending_emails(failed=False):
    """Beat job: re-enqueue what the outbox still holds.

    Every two minutes, messages never tried (the broker was down when they were saved); with
    `failed=True` (hourly), messages whose retry chain was lost (Redis restarted empty). A
    message that failed is otherwise left to its own retries and their backoff; one that has
    used its attempts is left alone: it waits in the admin (superusers) with its last error,
    instead of starting a new chain of retries every sweep.
    """
    if failed:
        pending = OutgoingEmail.objects.filter(
            attempts__gt=0, attempts__lt=settings.EMAIL_MAX_ATTEMPTS
        )
    else:
        pending = OutgoingEmail.objects.filter(attempts=0)
    for email_id in pending.values_list("pk", flat=True):
        enqueue(email_id)


@shared_task(**RETRY)
def clear_expired_sessions():
    """Beat job: delete expired sessions (least data; a visitor's unsent survey answers too)."""
    Session.objects.filter(expire_date__lt=timezone.now()).delete()
