"""Whatever arrives, the sender gets a clear message or their text stored and shown escaped."""

from urllib.parse import quote

import pytest

from feedback.models import Feedback
from tests.feedback.conftest import FORM_URL, form_data, shown_code


def post_raw(client, body: bytes):
    """POST exactly these bytes, as a browser (or anything else) might."""
    return client.post(FORM_URL, body, content_type="application/x-www-form-urlencoded")


def encoded(**overrides):
    data = form_data(**overrides)
    return "&".join(f"{key}={quote(value)}" for key, value in data.items()).encode()


def test_a_one_megabyte_message_gets_a_clear_message_and_is_kept(submit):
    huge = "a" * (1024 * 1024)
    response = submit(message=huge)
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    page = response.content.decode()
    assert "Your message is 1,048,576 characters long" in page
    assert "5,000 characters or fewer" in page
    assert huge in page  # what they typed, back in the box


def test_a_message_of_exactly_the_limit_is_accepted(submit):
    submit(message="b" * 5000)
    assert len(Feedback.objects.get().message) == 5000


def test_a_request_body_over_the_upload_limit_is_refused_without_a_server_error(client, db):
    response = post_raw(client, encoded(message="c" * (3 * 1024 * 1024)))
    assert response.status_code == 413  # the friendly "too large" page, not a bare 400


@pytest.mark.parametrize("message", ["", "   \n\t  "])
def test_an_empty_message_gets_a_clear_message(submit, message):
    response = submit(message=message)
    assert not Feedback.objects.exists()
    assert "Write your message before sending." in response.content.decode()


def test_a_missing_topic_gets_a_clear_message(submit):
    response = submit(topic=None)
    assert "Choose what your feedback is about." in response.content.decode()


def test_an_unknown_topic_is_refused(submit):
    response = submit(topic="<script>")
    assert not Feedback.objects.exists()
    assert "Select a valid choice" in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_markup_is_stored_as_typed_and_shown_escaped(client, submit, db):
    markup = '<script>alert("x")</script><b onmouseover="x()">bold</b>'
    response = submit(message=markup)
    code = shown_code(response)
    assert Feedback.objects.get().message == markup
    thread = client.post("/feedback/receipt/", {"code": code}).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in thread
    assert "<script>alert" not in thread
    assert "<b onmouseover" not in thread


def test_markup_that_fails_validation_is_shown_back_escaped(submit):
    response = submit(message="<script>alert(1)</script>" + "x" * 5000)
    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


def test_null_characters_get_a_clear_message(client, db):
    response = post_raw(client, encoded(message="before\x00after"))
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert "a “null” character" in response.content.decode()


def test_bytes_that_are_not_utf8_get_a_clear_message(client, db):
    # %ED%A0%80 is a lone surrogate in UTF-8 form; %FF is never valid UTF-8.
    body = encoded(message="PLACEHOLDER").replace(b"PLACEHOLDER", b"hello%ED%A0%80%FFworld")
    response = post_raw(client, body)
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    assert "Part of your message could not be read" in response.content.decode()


def test_a_lone_surrogate_that_reaches_the_form_gets_a_clear_message(db):
    from feedback.forms import FeedbackForm

    form = FeedbackForm(form_data(message="half an emoji \ud83d here"))
    assert not form.is_valid()
    assert "could not be read" in form.errors["message"][0]


def test_unusual_but_valid_unicode_is_stored_exactly(submit):
    text = "Zero\u200bwidth, right\u202eto-left, emoji 👩🏾‍🦱, Ελληνικά, 中文, e\u0301"
    submit(message=text)
    assert Feedback.objects.get().message == text


def test_a_bad_email_address_gets_a_clear_message(submit):
    response = submit(wants_reply="on", contact_email="not an address")
    assert "Enter an e-mail address like name@example.org." in response.content.decode()


def test_an_overlong_name_gets_a_clear_message(submit):
    response = submit(wants_reply="on", contact_email="a@example.org", contact_name="n" * 5000)
    assert not Feedback.objects.exists()
    assert "at most 100 characters" in response.content.decode()


def test_an_empty_post_gets_clear_messages(client, db):
    response = client.post(FORM_URL, {})
    assert "Write your message before sending." in response.content.decode()
    assert not Feedback.objects.exists()
