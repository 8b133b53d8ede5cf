import logging
from datetime import timedelta

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from collective.lib.emails import enqueue
from collective.models import OutgoingEmail, Session

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=8, default_retry_delay=60, retry_backoff=True)
def send_email(self, email_id):
    with transaction.atomic():
        # Lock the row so a retry and the beat sweep cannot send the same message twice.
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:  # already sent (rows are deleted once sent)
            return
        message = EmailMultiAlternatives(
            subject=email.subject, body=email.body, from_email=email.from_email, to=email.to
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        try:
            message.send()
        except Exception as exc:
            email.attempts += 1
            email.last_error = f"{type(exc).__name__}: {exc}"[:255]
            email.save(update_fields=["attempts", "last_error"])
            error = exc
        else:
            email.delete()
            return
    logger.warning("Sending e-mail %s failed; retrying", email_id)
    raise self.retry(exc=error)


@shared_task
def send_pending_emails():
    """Beat job: re-enqueue whatever the outbox still holds (broker or SMTP was down)."""
    cutoff = timezone.localdate() - timedelta(days=30)
    for email_id in OutgoingEmail.objects.filter(created_on__gte=cutoff).values_list(
        "pk", flat=True
    ):
        enqueue(email_id)


@shared_task
def clear_expired_sessions():
    """Beat job: delete expired sessions (least data; a visitor's unsent survey answers too)."""
    Session.objects.filter(expire_date__lt=timezone.now()).delete()
