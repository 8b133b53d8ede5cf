import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from collective.models import OutgoingEmail, User

PASSWORD = "a-long-and-unusual-passphrase-42"


def sign_up(client, email="new@example.org"):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_sign_up_sends_the_verification_email_after_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.org"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not OutgoingEmail.objects.exists(), "a delivered message leaves the outbox"


@pytest.mark.django_db
def test_unverified_account_cannot_log_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_verified_account_logs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = confirmation_link(mail.outbox[0])
    client.post(link)
    assert EmailAddress.objects.get(email="new@example.org").verified
    client.logout()
    response = client.post("/accounts/login/", {"login": "new@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="new@example.org").pk


@pytest.mark.django_db
def test_sign_up_with_bad_input_keeps_what_was_typed(client):
    response = client.post(
        "/accounts/signup/", {"email": "not-an-address", "password1": "x", "password2": "y"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="not-an-address"' in html
    assert "There is a problem" in html
    assert not User.objects.exists()


@pytest.mark.django_db
def test_strange_input_gives_no_server_error(client):
    for email in ["\x00", "a" * 100_000 + "@example.org", "<script>@x", "e\u0301@example.org"]:
        response = client.post(
            "/accounts/signup/", {"email": email, "password1": "p", "password2": "p"}
        )
        assert response.status_code in (200, 400)
    # Invalid UTF-8 (a lone surrogate, encoded) straight in the request body.
    response = client.post(
        "/accounts/signup/",
        b"email=%ED%A0%80%FF@example.org&password1=p&password2=p",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 400)
