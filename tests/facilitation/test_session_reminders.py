"""The day-before reminder goes once to each person with a place, however often the job runs."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import mail
from django.utils import timezone

from facilitation.tasks import send_session_reminders
from tests.facilitation.factories import RegistrationFactory, SessionFactory
from tests.factories import UserFactory


def _starting_in(days):
    day = timezone.localdate() + timedelta(days=days)
    starts = timezone.make_aware(datetime.combine(day, time(18, 0)))
    return SessionFactory(
        title=f"In {days} days", starts_at=starts, ends_at=starts + timedelta(hours=2)
    )


def test_reminders_go_to_people_with_a_place_tomorrow_once(django_capture_on_commit_callbacks, db):
    tomorrow = _starting_in(1)
    RegistrationFactory(session=tomorrow, member=UserFactory(email="place@example.org"))
    RegistrationFactory(session=tomorrow, status="waiting")
    RegistrationFactory(session=tomorrow, status="cancelled")
    RegistrationFactory(session=_starting_in(2))
    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders.delay()
    with django_capture_on_commit_callbacks(execute=True):
        send_session_reminders.delay()  # the job runs again: nobody hears twice
    assert [m.to for m in mail.outbox] == [["place@example.org"]]
    assert "Tomorrow: In 1 days" in mail.outbox[0].subject
    assert "/questions/" in mail.outbox[0].body


def test_the_reminder_claim_is_a_conditional_update(db, django_capture_on_commit_callbacks):
    from facilitation.services import registration_remind

    registration = RegistrationFactory(session=_starting_in(1))
    with django_capture_on_commit_callbacks(execute=True):
        assert registration_remind(registration_id=registration.pk) is True
        assert registration_remind(registration_id=registration.pk) is False
    assert len(mail.outbox) == 1


def test_the_job_is_on_the_beat_schedule():
    job = settings.CELERY_BEAT_SCHEDULE["facilitation-session-reminders"]
    assert job["task"] == "facilitation.tasks.send_session_reminders"
