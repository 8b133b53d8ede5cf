"""The account pages speak the portal's language: sign in / sign up / sign out, sentence case,
and error messages that say what to do."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"
ACCOUNT_PAGES = ["account_login", "account_signup", "account_reset_password", "home"]


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_pages_say_sign_in_and_sign_up_in_sentence_case(client, db, name):
    page = client.get(reverse(name)).content.decode()
    for old in ["Sign In", "Sign Up", "Log in", "Log out", "Remember Me", "Signup"]:
        assert old not in page, f"{old!r} on {name}"


def test_signed_in_pages_say_sign_out(client, member):
    client.force_login(member)
    page = client.get(reverse("account-home")).content.decode()
    assert ">Sign out<" in page and "Log out" not in page


def test_sign_in_errors_say_what_to_do_next_to_each_field(client, db):
    page = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    assert "Enter your email address" in page
    assert "Enter your password" in page
    assert "This field is required." not in page


def test_sign_up_errors_say_what_to_do_and_keep_what_was_typed(client, db):
    data = {"email": "not-an-address", "password1": "", "password2": ""}
    page = client.post(reverse("account_signup"), data).content.decode()
    assert "Enter an email address in the right format, like name@example.com" in page
    assert "Enter a password" in page
    assert 'value="not-an-address"' in page


def test_different_passwords_get_a_plain_message(client, db):
    data = {"email": "new@example.org", "password1": "river-otter-71", "password2": "river-72"}
    page = client.post(reverse("account_signup"), data).content.decode()
    assert "Enter the same password in both boxes." in page


def test_the_sign_up_page_says_what_membership_is_and_what_the_account_keeps(client, db):
    page = client.get(reverse("account_signup")).content.decode()
    assert "Membership of Co-Production Collective is free" in page
    assert "Your account keeps your email address" in page
    assert f'href="{reverse("privacy")}"' in page


def test_password_reset_page_is_in_plain_words(client, db):
    page = client.get(reverse("account_reset_password")).content.decode()
    assert "Reset your password" in page
    assert "we will email you a link to choose a new password" in page


@pytest.mark.parametrize("po_path", sorted(LOCALE.glob("en_GB/LC_MESSAGES/*.po")), ids=str)
def test_compiled_catalogues_match_their_sources(po_path):
    """The .mo files are committed (the quick start needs no gettext); they must be current.
    The shipped languages' catalogues (plurals, contexts): tests/i18n/test_catalogues.py."""
    po = polib.pofile(str(po_path))
    with open(po_path.with_suffix(".mo"), "rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    for entry in po.translated_entries():
        assert mo.gettext(entry.msgid) == entry.msgstr, f"{po_path}: recompile ({entry.msgid!r})"
    assert not po.fuzzy_entries() and not po.untranslated_entries()


def test_the_verification_email_is_in_the_portals_words_and_layout(
    client, db, django_capture_on_commit_callbacks
):
    data = {
        "email": "new@example.org",
        "password1": "river-otter-71!",
        "password2": "river-otter-71!",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), data)
    (message,) = mail.outbox
    assert message.subject.endswith("Confirm your email address")
    assert message.body.startswith("Someone, probably you, has used this email address")
    assert "If it was not you, ignore this email" in message.body
    assert message.body.rstrip().endswith(settings.CONTACT_EMAIL)
