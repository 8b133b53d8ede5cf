"""Celery tasks: thin wrappers that take ids and call a service; retried by the shared policy.

Invitations are written to the e-mail outbox by `invitation_send_start` itself, in the
transaction that records the send, so nothing is lost if Redis is down. These tasks remain for
messages queued before that change; both are idempotent.
"""

from celery import shared_task

from collective.lib.tasks import RETRY
from surveys import services


@shared_task(**RETRY)
def send_invitations(send_id):
    """Work out who a send reaches and e-mail each person not yet e-mailed (once each)."""
    for recipient_id in services.invitation_recipients_create(send_id=send_id):
        services.recipient_notify(recipient_id=recipient_id)


@shared_task(**RETRY)
def notify_recipient(recipient_id):
    services.recipient_notify(recipient_id=recipient_id)
