""" "Delete my account" ends every session of that member, not only the one they used.

A session left behind carries the deleted member's id in the session table until it expires.
Sessions are found through an indexed user column, never by decoding every session.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from collective.models import Session
from tests.factories import PASSWORD, UserFactory

DELETE_URL = "/accounts/me/delete/"


def signed_in(user):
    """A client signed in through the real log-in form (allauth), as a browser would be."""
    client = Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return client


def test_deleting_the_account_ends_the_members_other_sessions(db):
    member, other = UserFactory(), UserFactory()
    laptop, phone, someone_else = signed_in(member), signed_in(member), signed_in(other)
    assert Session.objects.filter(user=member).count() == 2

    response = laptop.post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert not Session.objects.filter(user_id=member.pk).exists()
    assert phone.get("/accounts/me/").status_code == 302  # back to the log-in page
    for session in Session.objects.all():  # nothing left that names the member
        assert session.get_decoded().get("_auth_user_id") != str(member.pk)
    assert someone_else.get("/accounts/me/").status_code == 200


def test_the_sessions_are_found_by_user_without_reading_the_others(db):
    member = UserFactory()
    laptop, _phone = signed_in(member), signed_in(member)
    for user in UserFactory.create_batch(30, password=None):
        Client().force_login(user)

    with CaptureQueriesContext(connection) as queries:
        laptop.post(DELETE_URL, {"password": PASSWORD})

    on_sessions = [q["sql"] for q in queries if "collective_session" in q["sql"]]
    assert on_sessions
    for sql in on_sessions:
        # Each statement names the member's own sessions: by key or by user, never all rows.
        assert "WHERE" in sql and ("user_id" in sql or "session_key" in sql), sql
    assert Session.objects.count() == 30


def test_a_session_keeps_its_user_when_its_key_changes(db):
    member = UserFactory()
    client = signed_in(member)
    before = client.cookies["sessionid"].value
    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "A-new-long-passphrase-7",
            "password2": "A-new-long-passphrase-7",
        },
    )
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before  # Django cycles the key when the password changes
    assert Session.objects.get(session_key=after).user == member


def test_a_visitors_session_has_no_user(client, db):
    session = client.session
    session["anything"] = 1
    session.save()
    assert Session.objects.get(session_key=session.session_key).user_id is None
