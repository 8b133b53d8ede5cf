"""The beat job that deletes closed feedback after FEEDBACK_RETENTION_DAYS."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from feedback.models import Feedback, Message
from feedback.tasks import purge_closed_feedback
from tests.feedback.factories import FeedbackFactory, MessageFactory


def closed(days_ago, **fields):
    return FeedbackFactory(
        status="closed", closed_on=timezone.localdate() - timedelta(days=days_ago), **fields
    )


def test_closed_feedback_past_retention_is_deleted_with_its_replies(db, settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    expired = closed(30)
    MessageFactory(feedback=expired, position=1)
    kept = closed(29)
    assert purge_closed_feedback() == 1
    assert list(Feedback.objects.all()) == [kept]
    assert not Message.objects.exists()


def test_open_feedback_is_never_deleted_however_old(db):
    old = FeedbackFactory(status="actioned")
    Feedback.objects.filter(pk=old.pk).update(
        received_on=timezone.localdate() - timedelta(days=999)
    )
    assert purge_closed_feedback() == 0
    assert Feedback.objects.count() == 1


def test_running_the_job_twice_is_harmless(db):
    closed(settings.FEEDBACK_RETENTION_DAYS + 1)
    closed(1)
    assert purge_closed_feedback() == 1
    assert purge_closed_feedback() == 0
    assert Feedback.objects.count() == 1


def test_the_job_is_scheduled_by_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["feedback-purge-closed"]
    assert entry["task"] == purge_closed_feedback.name
