"""A signed-in member sends feedback from a known address and browser: nothing keeps any of it."""

import logging

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test import Client

from collective.models import Session
from feedback.models import Feedback, Message
from tests.factories import UserFactory
from tests.feedback.anonymity import changes, findings, snapshot
from tests.feedback.conftest import FORM_URL, form_data

ADDRESS = "203.0.113.77"
FORWARDED = "198.51.100.23"
USER_AGENT = "FeedbackProbe/9.9 (Anonymity; Test)"
REQUEST = {
    "REMOTE_ADDR": ADDRESS,
    "HTTP_X_FORWARDED_FOR": FORWARDED,
    "HTTP_USER_AGENT": USER_AGENT,
}


@pytest.fixture
def signed_in(db):
    # An id that cannot turn up by chance, unlike 1 or 2.
    user = UserFactory(id=987654321, email="traceable.sender@example.org", display_name="Zephyrine")
    client = Client()
    client.force_login(user)
    return user, client


def needles(user):
    return [str(user.pk), user.email, user.display_name, ADDRESS, FORWARDED, USER_AGENT, "Probe"]


def test_no_table_gains_anything_that_identifies_the_sender(
    signed_in, feedback_reader, django_capture_on_commit_callbacks
):
    user, client = signed_in
    client.get(FORM_URL, **REQUEST)
    before = snapshot(connection)

    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            FORM_URL, form_data(message="The room was not accessible."), **REQUEST
        )

    assert "Thank you for your feedback" in response.content.decode()
    changed = changes(before, snapshot(connection))
    # The feedback row: nothing else was written (readers hear of it in the next digest).
    assert set(changed) == {Feedback._meta.db_table}
    for table, rows in changed.items():
        for row in rows:
            assert findings(" | ".join(row), needles(user)) == [], (table, row)
            assert str(user.pk) not in row


def test_no_column_of_any_model_holds_the_address_or_the_browser(signed_in):
    _, client = signed_in
    client.post(FORM_URL, form_data(), **REQUEST)
    text_fields = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, text_fields):
                for needle in [ADDRESS, FORWARDED, USER_AGENT]:
                    hits = model._default_manager.filter(**{f"{field.name}__icontains": needle})
                    assert not hits.exists(), f"{model.__name__}.{field.name} holds {needle}"
    assert Feedback.objects.count() == 1


def test_the_feedback_models_cannot_hold_a_person_or_a_time_of_day():
    for model in [Feedback, Message]:
        assert isinstance(model._meta.pk, models.UUIDField)
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateTimeField | models.TimeField), field
            related = field.related_model
            assert related in (None, Feedback), f"{model.__name__}.{field.name} -> {related}"


def test_the_members_session_is_not_touched(signed_in):
    _, client = signed_in
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    before = Session.objects.values_list("session_key", "session_data", "expire_date").get()

    response = client.post(FORM_URL, form_data(), **REQUEST)

    assert settings.SESSION_COOKIE_NAME not in response.cookies
    after = Session.objects.values_list("session_key", "session_data", "expire_date").get()
    assert after == before
    assert before[0] == session_key


def test_a_visitor_gets_no_session_at_all(client, db):
    client.get(FORM_URL, **REQUEST)
    response = client.post(FORM_URL, form_data(), **REQUEST)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not Session.objects.exists()


def test_nothing_is_logged_about_the_sender(signed_in, caplog, django_capture_on_commit_callbacks):
    user, client = signed_in
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        client.get(FORM_URL, **REQUEST)
        client.post(FORM_URL, form_data(), **REQUEST)
        client.post(FORM_URL, form_data(message=""), **REQUEST)  # an error page too
        client.post("/feedback/receipt/", {"code": "1" * 20}, **REQUEST)  # a wrong code
    assert Feedback.objects.count() == 1
    logged = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert findings(logged, needles(user)) == []
