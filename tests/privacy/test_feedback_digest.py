"""Feedback readers learn of feedback from a digest at fixed times, never from its arrival.

An e-mail sent when feedback arrives dates it to the second (its Date: header, the mail logs,
the worker log); the digest says only how many items wait, with a link to the list.
"""

import re

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.urls import reverse

from collective.models import OutgoingEmail
from feedback import receipts
from feedback.models import Feedback
from feedback.tasks import send_feedback_digest
from tests.feedback.conftest import OPEN_URL, REPLY_URL, form_data, shown_code

FORM_URL = reverse("feedback:feedback-create")
LIST_PATH = reverse("admin:feedback_feedback_changelist")


@pytest.fixture
def digest(db, django_capture_on_commit_callbacks):
    """Run the beat job and send what it queued, as the worker would."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return send_feedback_digest()

    return run


def _texts(message):
    return [message.subject, message.body, *(body for body, _ in message.alternatives)]


@pytest.mark.django_db(transaction=True)
def test_feedback_arriving_sends_nothing_and_queues_nothing(client, feedback_reader):
    response = client.post(FORM_URL, form_data(message="The lift was broken again."))
    code = shown_code(response)
    client.post(REPLY_URL, {"code": code, "body": "And the week after."})

    assert Feedback.objects.count() == 1
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()  # not even waiting for the worker


def test_the_digest_counts_new_and_waiting_and_names_no_item(client, feedback_reader, digest):
    for text in ["First private thing.", "Second private thing.", "Third private thing."]:
        client.post(FORM_URL, form_data(message=text))
    read = Feedback.objects.order_by("id").first()
    Feedback.objects.filter(pk=read.pk).update(status=Feedback.Status.READ)

    assert digest() == (3, 2)

    [digest] = mail.outbox
    assert digest.to == [feedback_reader.email]
    assert "3 new since the last digest" in digest.subject
    assert "- 3 new" in digest.body and "- 2 waiting to be read" in digest.body
    assert settings.SITE_URL + LIST_PATH + "?status__exact=new" in digest.body
    for text in _texts(digest):
        assert "private" not in text
        for feedback in Feedback.objects.all():
            assert str(feedback.pk) not in text
            assert str(feedback.pk).replace("-", "") not in text
        assert "/change/" not in text  # no link to any one item
        assert not re.search(r"\b\d{1,2}:\d{2}\b", text)  # no time of day
        assert "barrier" not in text.lower()  # nor the topic


def test_the_next_digest_counts_only_what_is_new_since_and_is_sent_even_when_nothing_is(
    client, feedback_reader, digest
):
    code = shown_code(client.post(FORM_URL, form_data()))
    digest()
    assert digest() == (0, 1)
    assert "nothing new since the last digest" in mail.outbox[-1].subject

    # The sender answers a reply: the thread is new again for the next digest.
    client.post(REPLY_URL, {"code": receipts.grouped(code), "body": "One more thing."})
    assert digest() == (1, 1)
    assert len(mail.outbox) == 3


def test_with_no_feedback_reader_the_digest_goes_to_the_collective(digest):
    digest()
    assert mail.outbox[0].to == [settings.CONTACT_EMAIL]


def test_digests_run_at_the_configured_times_only():
    jobs = {
        name: job
        for name, job in settings.CELERY_BEAT_SCHEDULE.items()
        if job["task"] == "feedback.tasks.send_feedback_digest"
    }
    assert set(jobs) == {"feedback-digest-0800", "feedback-digest-1600"}
    assert jobs["feedback-digest-0800"]["schedule"] == crontab(hour=8, minute=0)
    assert jobs["feedback-digest-1600"]["schedule"] == crontab(hour=16, minute=0)


def test_reading_a_receipt_sends_nothing(client, feedback_reader, db):
    code = shown_code(client.post(FORM_URL, form_data()))
    client.post(OPEN_URL, {"code": code})
    assert mail.outbox == []
