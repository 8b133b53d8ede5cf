"""Opening one's feedback with the receipt code."""

import pytest

from feedback import receipts
from tests.feedback.conftest import OPEN_URL
from tests.feedback.factories import FeedbackFactory, MessageFactory, new_code

ADDRESS = {"REMOTE_ADDR": "203.0.113.40"}


@pytest.fixture
def code():
    return new_code()


@pytest.fixture
def feedback(db, code):
    feedback = FeedbackFactory(
        code=code,
        message="The venue had no step-free access.",
        notes="Reader-only note: call venue",
    )
    MessageFactory(
        feedback=feedback, position=1, body="Thank you. We have raised it with the venue."
    )
    return feedback


def test_the_code_page_is_open_to_everyone_and_never_cached(check_access, cast, client):
    check_access([OPEN_URL], allowed=set(cast))
    assert "no-store" in client.get(OPEN_URL)["Cache-Control"]


def test_the_code_opens_the_feedback_and_its_replies(client, feedback, code):
    response = client.post(OPEN_URL, {"code": code})
    page = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "The venue had no step-free access." in page
    assert "Thank you. We have raised it with the venue." in page
    assert "The Collective replied" in page


def test_the_code_works_with_the_spaces_it_was_shown_with_or_dashes(client, feedback, code):
    for typed in [receipts.grouped(code), "-".join(receipts.grouped(code).split()), f" {code} "]:
        assert "step-free" in client.post(OPEN_URL, {"code": typed}).content.decode()


def test_internal_notes_and_contact_details_are_never_shown_to_the_code_holder(client, db, code):
    FeedbackFactory(
        code=code, notes="Reader-only note", wants_reply=True, contact_email="rosa@example.org"
    )
    page = client.post(OPEN_URL, {"code": code}).content.decode()
    assert "Reader-only note" not in page
    assert "rosa@example.org" not in page


def test_the_code_is_asked_for_by_post_and_never_put_in_an_address(client, feedback, code):
    form = client.get(OPEN_URL).content.decode()
    assert f'<form method="post" action="{OPEN_URL}"' in form
    # A code in the query string is ignored, not used: it would be in logs and history.
    assert "step-free" not in client.get(OPEN_URL, {"code": code}).content.decode()


def test_a_wrong_code_gets_a_clear_message_and_is_kept(client, feedback):
    wrong = "1111 2222 3333 4444 5555"
    page = client.post(OPEN_URL, {"code": wrong}).content.decode()
    assert "We cannot find feedback with that receipt code" in page
    assert f'value="{wrong}"' in page
    assert "step-free" not in page


@pytest.mark.parametrize("typed", ["12345", "abcd efgh ijkl mnop qrst", "１２３４" * 5, "x" * 1000])
def test_something_that_is_not_a_code_says_what_a_code_looks_like(client, db, typed):
    page = client.post(OPEN_URL, {"code": typed}).content.decode()
    assert "A receipt code has 20 digits" in page


def test_an_empty_code_gets_a_clear_message(client, db):
    page = client.post(OPEN_URL, {"code": ""}).content.decode()
    assert "Enter the receipt code you were given" in page


def test_wrong_codes_are_rate_limited_even_when_the_right_one_follows(client, feedback, code):
    for n in range(10):
        response = client.post(OPEN_URL, {"code": f"{n:020d}"}, **ADDRESS)
        assert response.status_code == 200
    response = client.post(OPEN_URL, {"code": code}, **ADDRESS)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many wrong receipt codes" in page
    assert "step-free" not in page
    # Someone else, elsewhere, is not affected.
    other = client.post(OPEN_URL, {"code": code}, REMOTE_ADDR="203.0.113.41")
    assert "step-free" in other.content.decode()


def test_right_codes_do_not_count_towards_the_limit(client, feedback, code):
    for _ in range(15):
        assert "step-free" in client.post(OPEN_URL, {"code": code}, **ADDRESS).content.decode()


def test_feedback_deleted_after_retention_cannot_be_opened(client, feedback, code):
    feedback.delete()
    page = client.post(OPEN_URL, {"code": code}).content.decode()
    assert "We cannot find feedback with that receipt code" in page
