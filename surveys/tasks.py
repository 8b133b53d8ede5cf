"""Celery tasks: thin wrappers that take ids and call a service, retrying on failure."""

from celery import shared_task

from surveys import services


@shared_task(bind=True, max_retries=5, default_retry_delay=60, retry_backoff=True)
def send_invitations(self, send_id):
    """Work out who a send reaches, then fan out one task per person."""
    try:
        recipient_ids = services.invitation_recipients_create(send_id=send_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    for recipient_id in recipient_ids:
        notify_recipient.delay(recipient_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, retry_backoff=True)
def notify_recipient(self, recipient_id):
    try:
        services.recipient_notify(recipient_id=recipient_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc
