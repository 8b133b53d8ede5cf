from celery import shared_task

from collective.lib.tasks import RETRY
from feedback.services import feedback_digest_send, feedback_purge_expired


@shared_task(**RETRY)
def purge_closed_feedback():
    """Beat job: delete closed feedback past its retention period. Safe to run twice."""
    return feedback_purge_expired()


@shared_task(**RETRY)
def send_feedback_digest():
    """Beat job at each of FEEDBACK_DIGEST_TIMES: how much feedback waits, never which."""
    return feedback_digest_send()
