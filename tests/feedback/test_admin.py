"""The feedback readers' back office, and nobody else's."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from tests.feedback.conftest import OPEN_URL
from tests.feedback.factories import FeedbackFactory, MessageFactory, new_code

LIST_URL = reverse("admin:feedback_feedback_changelist")


def change_url(feedback):
    return reverse("admin:feedback_feedback_change", args=[feedback.pk])


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def change_form_data(feedback, **fields):
    count = feedback.messages.count()
    return {
        "status": feedback.status,
        "notes": feedback.notes,
        "reply": "",
        "messages-TOTAL_FORMS": str(count),
        "messages-INITIAL_FORMS": str(count),
        "messages-MIN_NUM_FORMS": "0",
        "messages-MAX_NUM_FORMS": "1000",
        "_save": "Save",
        **fields,
    }


def test_only_feedback_readers_and_superusers_can_see_feedback(cast, client):
    feedback = FeedbackFactory(message="A very private message")
    for role, user in cast.items():
        browser = as_user(user) if user else Client()
        for url in [LIST_URL, change_url(feedback)]:
            response = browser.get(url)
            if role in {"feedback_reader", "superuser"}:
                assert response.status_code == 200, (role, url)
            else:
                # Refused: staff without the permission get 403, others are sent to log in.
                assert response.status_code in (302, 403), (role, url, response.status_code)
                assert b"A very private message" not in response.content


@pytest.mark.parametrize("role", ["library_curator", "survey_manager", "facilitation_coordinator"])
def test_other_staff_do_not_even_see_feedback_in_the_admin_index(request, db, role):
    index = as_user(request.getfixturevalue(role)).get(reverse("admin:index")).content.decode()
    assert LIST_URL not in index
    assert "Anonymous feedback" not in index


def test_readers_see_the_list_filtered_by_status_and_topic(feedback_reader):
    barrier = FeedbackFactory(topic="barrier")
    resource = FeedbackFactory(topic="resource", status="read")
    reader = as_user(feedback_reader)

    def listed(**filters):
        return list(reader.get(LIST_URL, filters).context["cl"].result_list)

    assert listed(status__exact="new") == [barrier]
    assert listed(topic__exact="resource") == [resource]
    assert set(listed()) == {barrier, resource}


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(
    feedback_reader, django_assert_max_num_queries, size
):
    for feedback in FeedbackFactory.create_batch(size):
        MessageFactory(feedback=feedback, position=1)
    reader = as_user(feedback_reader)
    with django_assert_max_num_queries(12):
        response = reader.get(LIST_URL)
    assert response.status_code == 200
    assert f"{size} feedback" in response.content.decode()


@pytest.mark.parametrize(
    "action, status",
    [("mark_read", "read"), ("mark_actioned", "actioned"), ("mark_closed", "closed")],
)
def test_triage_actions_move_feedback_along(feedback_reader, action, status):
    chosen, other = FeedbackFactory(), FeedbackFactory()
    response = as_user(feedback_reader).post(
        LIST_URL, {"action": action, "_selected_action": [chosen.pk]}, follow=True
    )
    assert f"1 feedback marked as {status}." in response.content.decode()
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.status == status and other.status == "new"
    assert chosen.closed_on == (timezone.localdate() if status == "closed" else None)


def test_reopening_closed_feedback_stops_the_retention_clock(feedback_reader):
    feedback = FeedbackFactory()
    reader = as_user(feedback_reader)
    reader.post(LIST_URL, {"action": "mark_closed", "_selected_action": [feedback.pk]})
    reader.post(LIST_URL, {"action": "mark_read", "_selected_action": [feedback.pk]})
    feedback.refresh_from_db()
    assert (feedback.status, feedback.closed_on) == ("read", None)


def test_notes_and_status_are_saved_from_the_change_form(feedback_reader):
    feedback = FeedbackFactory()
    response = as_user(feedback_reader).post(
        change_url(feedback), change_form_data(feedback, status="closed", notes="Passed to Jo")
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.status, feedback.notes) == ("closed", "Passed to Jo")
    assert feedback.closed_on == timezone.localdate()


def test_a_reply_reaches_the_sender_through_their_code(
    client, feedback_reader, django_capture_on_commit_callbacks
):
    code = new_code()
    feedback = FeedbackFactory(code=code)
    with django_capture_on_commit_callbacks(execute=True):
        as_user(feedback_reader).post(
            change_url(feedback), change_form_data(feedback, reply="We hear you, thank you.")
        )
    message = feedback.messages.get()
    assert message.from_staff and message.body == "We hear you, thank you."
    feedback.refresh_from_db()
    assert feedback.status == "read"
    assert mail.outbox == []  # an anonymous sender has no address to write to
    assert "We hear you, thank you." in client.post(OPEN_URL, {"code": code}).content.decode()


def test_a_reply_is_emailed_when_the_sender_asked_for_one(
    feedback_reader, django_capture_on_commit_callbacks
):
    feedback = FeedbackFactory(
        wants_reply=True, contact_name="Rosa", contact_email="rosa@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        as_user(feedback_reader).post(
            change_url(feedback), change_form_data(feedback, reply="Thank you, Rosa.")
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["rosa@example.org"]
    assert "Thank you, Rosa." in mail.outbox[0].body
    assert OPEN_URL in mail.outbox[0].body


def test_a_too_long_reply_gets_a_clear_message(feedback_reader):
    feedback = FeedbackFactory()
    response = as_user(feedback_reader).post(
        change_url(feedback), change_form_data(feedback, reply="r" * 6000)
    )
    assert response.status_code == 200
    assert "Please shorten it to 5,000 characters or fewer." in response.content.decode()
    assert not feedback.messages.exists()


def test_the_message_cannot_be_edited_or_feedback_added_by_hand(feedback_reader):
    feedback = FeedbackFactory(message="Original words")
    reader = as_user(feedback_reader)
    reader.post(change_url(feedback), change_form_data(feedback, message="Changed words"))
    feedback.refresh_from_db()
    assert feedback.message == "Original words"
    assert reader.get(reverse("admin:feedback_feedback_add")).status_code == 403


def test_the_receipt_hash_is_not_shown(feedback_reader):
    feedback = FeedbackFactory()
    page = as_user(feedback_reader).get(change_url(feedback)).content.decode()
    assert feedback.receipt_hash not in page


def test_readers_cannot_delete_feedback_by_hand(feedback_reader):
    feedback = FeedbackFactory()
    url = reverse("admin:feedback_feedback_delete", args=[feedback.pk])
    assert as_user(feedback_reader).post(url, {"post": "yes"}).status_code == 403
    assert Feedback.objects.filter(pk=feedback.pk).exists()
