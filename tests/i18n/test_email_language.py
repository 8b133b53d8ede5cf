"""E-mails reach each person in their own language (collective/lib/emails.py, the adapter)."""

import pytest
from django.core import mail
from django.utils import translation

from collective.lib import emails
from collective.models import OutgoingEmail, User
from tests.factories import UserFactory

PASSWORD = "a-long-and-unusual-passphrase-42"
# What library.tasks.send_curator_digest passes: a count of each kind of work.
DIGEST = {
    "counts": {
        "requests": 2,
        "to_hand_over": 1,
        "waiting": 0,
        "due_soon": 3,
        "overdue": 1,
        "suggestions": 0,
    }
}


@pytest.fixture
def rendered_in(monkeypatch):
    """The language active while each message was rendered, in order."""
    languages = []
    render = emails.render

    def recording_render(name, context):
        languages.append(translation.get_language())
        return render(name, context)

    monkeypatch.setattr(emails, "render", recording_render)
    return languages


@pytest.mark.django_db
def test_a_member_gets_e_mail_in_their_language(rendered_in):
    polish = UserFactory(email="pl@example.org", language="pl")
    emails.send("library-curator-digest", to=[polish.email], context=DIGEST)
    assert rendered_in == ["pl"]


@pytest.mark.django_db
def test_a_member_without_a_language_gets_the_portals(rendered_in):
    member = UserFactory(email="m@example.org", language="")
    with translation.override("ar"):  # a page in Arabic caused it; the member chose nothing
        emails.send("library-curator-digest", to=[member.email], context=DIGEST)
    assert rendered_in == ["en-gb"]


@pytest.mark.django_db
def test_recipients_in_different_languages_get_one_message_each(rendered_in):
    UserFactory(email="a@example.org", language="ar")
    UserFactory(email="b@example.org", language="pl")
    UserFactory(email="c@example.org", language="ar")
    to = ["a@example.org", "b@example.org", "c@example.org", "office@example.org"]
    emails.send("library-curator-digest", to=to, context=DIGEST)
    assert rendered_in == ["ar", "pl", "en-gb"]
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == [
        ["a@example.org", "c@example.org"],
        ["b@example.org"],
        ["office@example.org"],
    ]


@pytest.mark.django_db
def test_an_address_without_an_account_gets_the_language_of_the_page(rendered_in):
    with translation.override("pl"):
        emails.send("library-curator-digest", to=["x@example.org"], context=DIGEST)
    assert rendered_in == ["pl"]


@pytest.mark.django_db
def test_the_html_e_mail_says_its_language_and_direction():
    UserFactory(email="ar@example.org", language="ar")
    emails.send("library-curator-digest", to=["ar@example.org"], context=DIGEST)
    assert '<html lang="ar" dir="rtl">' in OutgoingEmail.objects.get().html


@pytest.mark.django_db
def test_signing_up_keeps_the_language_and_confirms_in_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/signup/",
            {"email": "new@example.org", "password1": PASSWORD, "password2": PASSWORD},
            HTTP_ACCEPT_LANGUAGE="pl",
        )
    assert User.objects.get(email="new@example.org").language == "pl"
    # allauth's own Polish catalogue, until the portal's is translated.
    assert "Proszę potwierdź adresy e-mail" in mail.outbox[0].subject


@pytest.mark.django_db
def test_a_polish_member_gets_the_confirmation_e_mail_in_polish(
    client, django_capture_on_commit_callbacks
):
    member = UserFactory(email="pl@example.org", language="pl")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        # The page is in English (the browser's), the e-mail in the member's language.
        response = client.post(
            "/accounts/email/",
            {"action_add": "", "email": "second@example.org"},
            HTTP_ACCEPT_LANGUAGE="en",
            follow=False,
        )
    assert response.status_code == 302
    assert "Proszę potwierdź adresy e-mail" in mail.outbox[-1].subject


@pytest.mark.django_db
def test_a_password_reset_for_a_known_address_is_in_the_members_language(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="ar@example.org", language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password/reset/", {"email": "ar@example.org"})
    assert "رسالة إعادة ضبط كلمة المرور" in mail.outbox[0].subject
