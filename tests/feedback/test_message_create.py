"""The sender answers a reply with their code, still anonymously."""

import pytest
from django.core import mail

from feedback import receipts
from feedback.models import Feedback
from tests.feedback.conftest import REPLY_URL
from tests.feedback.factories import FeedbackFactory, MessageFactory, new_code


@pytest.fixture
def code():
    return new_code()


@pytest.fixture
def feedback(db, code):
    feedback = FeedbackFactory(code=code, status=Feedback.Status.ACTIONED, announced=True)
    MessageFactory(feedback=feedback, position=1, body="Could you tell us which session?")
    return feedback


def test_an_answer_is_added_to_the_thread_and_the_feedback_is_new_again(
    client, feedback, code, feedback_reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            REPLY_URL, {"code": receipts.grouped(code), "body": "The 3 March one."}
        )
    page = response.content.decode()
    assert "Your answer is sent" in page
    assert "The 3 March one." in page
    assert "You answered" in page
    answer = feedback.messages.get(position=2)
    assert (answer.from_staff, answer.body) == (False, "The 3 March one.")
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.NEW
    assert feedback.announced is False  # counted by the next digest
    assert mail.outbox == []  # and nothing now, which would date the answer


def test_the_reply_form_carries_the_code_in_the_post_body_only(client, feedback, code):
    page = client.post("/feedback/receipt/", {"code": code}).content.decode()
    assert f'<form method="post" action="{REPLY_URL}"' in page
    assert f'type="hidden" name="code" value="{receipts.grouped(code)}"' in page
    assert "no-store" in client.post(REPLY_URL, {"code": code, "body": "x"})["Cache-Control"]


def test_the_same_answer_sent_twice_is_saved_once(client, feedback, code):
    for _ in range(2):
        client.post(REPLY_URL, {"code": code, "body": "Only once, please."})
    assert feedback.messages.filter(from_staff=False).count() == 1


def test_an_empty_answer_gets_a_clear_message(client, feedback, code):
    page = client.post(REPLY_URL, {"code": code, "body": "  "}).content.decode()
    assert "Write your message before sending." in page
    assert feedback.messages.count() == 1


def test_a_long_answer_gets_a_clear_message_and_is_kept(client, feedback, code):
    long_answer = "word " * 2000
    page = client.post(REPLY_URL, {"code": code, "body": long_answer}).content.decode()
    assert "Please shorten it to 5,000 characters or fewer." in page
    assert long_answer.strip() in page
    assert feedback.messages.count() == 1


def test_a_tampered_code_is_refused_and_counts_as_a_wrong_code(client, feedback):
    for _ in range(10):
        page = client.post(REPLY_URL, {"code": "9" * 20, "body": "Hello"}).content.decode()
        assert "We cannot find feedback with that receipt code" in page
    response = client.post(REPLY_URL, {"code": "9" * 20, "body": "Hello"})
    assert response.status_code == 429
    assert feedback.messages.count() == 1


def test_a_closed_conversation_shows_the_thread_but_takes_no_answer(client, db, code):
    feedback = FeedbackFactory(code=code)
    Feedback.objects.filter(pk=feedback.pk).update(status="closed", closed_on="2026-01-05")
    page = client.post("/feedback/receipt/", {"code": code}).content.decode()
    assert "This conversation is closed" in page
    assert REPLY_URL not in page
    page = client.post(REPLY_URL, {"code": code, "body": "One more thing"}).content.decode()
    assert "Your answer was not sent" in page
    assert "One more thing" in page  # kept, so it is not lost
    assert not feedback.messages.exists()


def test_get_is_not_allowed(client, db):
    assert client.get(REPLY_URL).status_code == 405
