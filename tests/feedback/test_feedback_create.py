import re

import pytest
from django.core import mail

from feedback import receipts
from feedback.models import Feedback
from tests.factories import UserFactory
from tests.feedback.conftest import FORM_URL, form_data, shown_code


def test_the_form_is_open_to_everyone(check_access, cast):
    check_access([FORM_URL], allowed=set(cast))


def test_every_page_links_to_the_form_in_its_main_navigation(client, db):
    for url in ["/", "/about/", "/privacy/", FORM_URL]:
        page = client.get(url).content.decode()
        nav = page.split('<nav aria-label="Main">')[1].split("</nav>")[0]
        assert f'href="{FORM_URL}"' in nav and "Anonymous feedback</a>" in nav


def test_the_form_says_what_is_and_is_not_recorded(client, db):
    page = client.get(FORM_URL).content.decode()
    assert "your message, the topic you choose and the date" in page
    for not_recorded in [
        "who you are",
        "(even when you are signed in)",
        "your IP address",
        "your browser",
        "the time of day",
    ]:
        assert not_recorded in page


def test_the_no_longer_anonymous_statement_sits_with_the_reply_checkbox(client, db):
    page = client.get(FORM_URL).content.decode()
    checkbox = page.index('id="id_wants_reply"')
    statement = page.index("your feedback is no longer anonymous")
    assert 'aria-describedby="id_wants_reply_helptext"' in page
    # Right after the checkbox and outside the part that script may hide.
    assert checkbox < statement < page.index('id="contact-details"')


@pytest.mark.parametrize("method", ["get", "post"])
def test_pages_are_never_cached(client, db, method):
    response = getattr(client, method)(FORM_URL, form_data() if method == "post" else None)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_feedback_is_saved_before_the_thank_you_page_with_a_code_shown_once(client):
    response = client.post(FORM_URL, form_data(message="More evening sessions, please."))

    # Not a redirect: the code must never travel in an address.
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    code = shown_code(response)
    assert len(code) == 20 and code.isdigit()
    assert receipts.grouped(code) in response.content.decode()
    feedback = Feedback.objects.get()  # committed: this test runs outside any transaction
    assert feedback.message == "More evening sessions, please."
    assert feedback.topic == Feedback.Topic.BARRIER
    assert feedback.status == Feedback.Status.NEW
    assert feedback.receipt_hash == receipts.code_hash(code)
    assert code not in feedback.receipt_hash
    assert client.get(FORM_URL).content.decode().count(receipts.grouped(code)) == 0


def test_two_submissions_get_different_codes(submit):
    assert shown_code(submit()) != shown_code(submit())


def test_sending_the_same_form_twice_saves_it_once_and_shows_the_same_code(client, db):
    data = form_data()
    first = client.post(FORM_URL, data)
    again = client.post(FORM_URL, data)  # the browser's "resubmit?" after a refresh
    assert Feedback.objects.count() == 1
    assert shown_code(first) == shown_code(again)


def test_nobody_is_e_mailed_when_feedback_arrives(
    submit, feedback_reader, django_capture_on_commit_callbacks
):
    # Readers hear of it from the digest at a fixed time (tests/privacy/test_feedback_digest.py).
    with django_capture_on_commit_callbacks(execute=True):
        submit(message="Something private about the last session.")
    assert Feedback.objects.count() == 1
    assert mail.outbox == []


def test_asking_for_a_reply_keeps_the_contact_details(submit):
    submit(wants_reply="on", contact_name="Rosa", contact_email="rosa@example.org")
    feedback = Feedback.objects.get()
    assert feedback.wants_reply
    assert (feedback.contact_name, feedback.contact_email) == ("Rosa", "rosa@example.org")


def test_asking_for_a_reply_without_an_address_is_refused_and_keeps_the_message(submit):
    response = submit(wants_reply="on", message="Keep this text")
    assert not Feedback.objects.exists()
    assert "Give an e-mail address for the reply" in response.content.decode()
    assert "Keep this text" in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_contact_details_without_asking_for_a_reply_are_refused_not_stored(submit):
    response = submit(contact_email="rosa@example.org")
    assert not Feedback.objects.exists()
    assert "You gave contact details but did not ask for a reply" in response.content.decode()
    assert 'value="rosa@example.org"' in response.content.decode()


def test_a_filled_honeypot_saves_nothing_and_says_so_keeping_the_message(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(website="http://spam.example", message="My real message")
    assert not Feedback.objects.exists()
    assert mail.outbox == []
    page = response.content.decode()
    assert "a hidden anti-spam field was filled in" in page
    assert "My real message" in page
    assert "http://spam.example" not in page  # the trap comes back empty, ready to send again


def test_the_honeypot_is_hidden_from_people_and_screen_readers_but_labelled(client, db):
    page = client.get(FORM_URL).content.decode()
    trap = re.search(r'<div\s+class="visually-hidden"\s+aria-hidden="true">(.*?)</div>', page, re.S)
    assert trap, "the honeypot is not inside a visually hidden, aria-hidden wrapper"
    assert 'name="website"' in trap.group(1)
    assert "Leave this field empty" in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1) and 'autocomplete="off"' in trap.group(1)


def test_a_tampered_nonce_still_saves_the_feedback(submit):
    response = submit(nonce="not a nonce")
    assert response.status_code == 200
    assert Feedback.objects.count() == 1


def test_a_signed_in_member_sends_feedback_like_anyone(client, db):
    client.force_login(UserFactory())
    response = client.post(FORM_URL, form_data())
    assert "Thank you for your feedback" in response.content.decode()
    assert Feedback.objects.count() == 1
