"""Celery tasks: thin wrappers that take ids and call a service; retried by the shared policy.

Invitations are written to the e-mail outbox by `invitation_send_start` itself, in the
transaction that records the send, so nothing is lost if Redis is down. These tasks remain for
messages queued before that change; every task here is idempotent.
"""

import logging

from celery import shared_task
from django.db.models import Count, F, Q

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


# Counting every pair of questions of a big survey and auditing them takes a while.
@shared_task(**{**RETRY, "max_retries": 3, "soft_time_limit": 15 * 60, "time_limit": 16 * 60})
def results_refresh(survey_id):
    """Recompute a survey's protected results (survey managers' pages read the snapshot)."""
    from surveys.results import refresh_done
    from surveys.results import results_refresh as refresh

    try:
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is not None:
            refresh(survey=survey)
    finally:
        refresh_done(survey_id)


@shared_task(**RETRY)
def results_refresh_stale():
    """Safety net (beat): queue a refresh for every survey whose results miss released
    responses, in case the refresh queued by a page was lost."""
    from surveys.results import results_refresh_enqueue

    surveys = Survey.objects.annotate(count=Count("responses")).filter(
        Q(results_snapshot__isnull=True, count__gt=0)
        | (Q(results_snapshot__isnull=False) & ~Q(results_snapshot__response_count=F("count")))
    )
    for survey in surveys:
        results_refresh_enqueue(survey)
