"""Celery tasks: thin wrappers that take ids and call a service; retried by the shared policy.

Invitations are written to the e-mail outbox by `invitation_send_start` itself, in the
transaction that records the send, so nothing is lost if Redis is down. These tasks remain for
messages queued before that change; every task here is idempotent.
"""

import logging

from celery import shared_task

from collective.lib.tasks import RETRY
from surveys import services
from surveys.models import SealedResponse, Survey

logger = logging.getLogger(__name__)


@shared_task(**RETRY)
def send_invitations(send_id):
    """Work out who a send reaches and e-mail each person not yet e-mailed (once each)."""
    for recipient_id in services.invitation_recipients_create(send_id=send_id):
        services.recipient_notify(recipient_id=recipient_id)


@shared_task(**RETRY)
def notify_recipient(recipient_id):
    services.recipient_notify(recipient_id=recipient_id)


@shared_task(**RETRY)
def release_responses():
    """Beat job: release the waiting anonymous answers of every survey that has some.

    Each survey is released in a transaction of its own; one that fails is tried again at the
    next run (its rows wait in PostgreSQL meanwhile), and does not hold up the others.
    """
    for survey in Survey.objects.filter(pk__in=SealedResponse.objects.values("survey_id")):
        try:
            services.responses_release(survey=survey)
        except Exception:
            logger.exception(
                "Releasing the answers of survey %s failed; next run retries", survey.pk
            )


@shared_task(**RETRY)
def release_survey_responses(survey_id):
    """Release what waits for one survey (queued when it closes)."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is not None:
        services.responses_release(survey=survey)
