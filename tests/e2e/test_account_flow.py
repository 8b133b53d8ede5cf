"""A person signs up, verifies, logs in, changes and resets the password, in a real browser."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.browser

FIRST = "first-long-passphrase-for-tests"
SECOND = "second-long-passphrase-for-tests"
THIRD = "third-long-passphrase-for-tests"


def link_in_last_email(pattern):
    return re.search(r"https?://[^/\s]+(" + pattern + r")", mail.outbox[-1].body).group(1)


def log_in(page, password):
    page.goto("/accounts/login/")
    page.locator("#id_login").fill("new@example.org")
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_sign_up_verify_log_in_change_and_reset_password(page, axe):
    page.goto("/accounts/signup/")
    page.locator("#id_email").fill("new@example.org")
    page.locator("#id_password1").fill(FIRST)
    page.locator("#id_password2").fill(FIRST)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    axe(page)
    assert len(mail.outbox) == 1

    log_in(page, FIRST)  # not verified yet: sent back to "verify your e-mail"
    page.wait_for_url("**/accounts/confirm-email/")

    page.goto(link_in_last_email(r"/accounts/confirm-email/[^/\s]+/"))
    axe(page)
    page.get_by_role("button", name="Confirm").click()

    log_in(page, FIRST)
    page.wait_for_url("**/accounts/me/")
    assert "new@example.org" in page.content()

    page.goto("/accounts/password/change/")
    page.locator("#id_oldpassword").fill(FIRST)
    page.locator("#id_password1").fill(SECOND)
    page.locator("#id_password2").fill(SECOND)
    page.get_by_role("button", name="Change your password").click()
    page.get_by_role("button", name="Sign out").click()

    page.goto("/accounts/password/reset/")
    page.locator("#id_email").fill("new@example.org")
    page.get_by_role("button", name="Send me a reset link").click()
    page.wait_for_url("**/accounts/password/reset/done/")
    axe(page)
    page.goto(link_in_last_email(r"/accounts/password/reset/key/[^\s]+"))
    axe(page)
    page.locator("#id_password1").fill(THIRD)
    page.locator("#id_password2").fill(THIRD)
    page.get_by_role("button", name="Change your password").click()

    log_in(page, SECOND)
    assert "not correct" in page.content()
    log_in(page, THIRD)
    page.wait_for_url("**/accounts/me/")
