"""A visitor who picks Polski signs up in a real browser and gets the confirmation in Polish."""

import pytest
from django.core import mail
from django.utils import translation

from collective.models import User

pytestmark = pytest.mark.browser

PASSPHRASE = "a-long-and-unusual-passphrase-42"


def pick(page, language):
    # By id and value: the picker's label and button are in the page's language.
    page.locator("#language-picker-select").select_option(language)
    with page.expect_navigation():
        page.locator(".language-picker button[type=submit]").click()


def test_a_visitor_who_chose_polish_is_confirmed_in_polish(page, axe):
    page.goto("/accounts/signup/")
    pick(page, "pl")
    assert page.locator("html").get_attribute("lang") == "pl"
    with translation.override("pl"):
        sign_up = translation.gettext("Sign Up")
    page.locator("#id_email").fill("nowa@example.org")
    page.locator("#id_password1").fill(PASSPHRASE)
    page.locator("#id_password2").fill(PASSPHRASE)
    page.get_by_role("button", name=sign_up).click()
    page.wait_for_url("**/accounts/confirm-email/")
    axe(page)

    assert User.objects.get(email="nowa@example.org").language == "pl"
    (message,) = mail.outbox
    with translation.override("pl"):
        subject = translation.gettext("Please Confirm Your Email Address")
        footer = translation.gettext("Co-Production Collective")
        go_to = translation.gettext("To confirm this is correct, go to %(activate_url)s")
    assert subject != "Please Confirm Your Email Address"  # Polish has its own words
    assert subject in message.subject
    assert go_to.split("%(activate_url)s")[0].strip() in message.body
    assert "To confirm this is correct" not in message.body
    assert footer in message.body
