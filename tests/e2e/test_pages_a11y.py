"""Every foundation page passes axe (WCAG 2.2 A/AA), in the browser, with and without JavaScript."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/about/",
    "/privacy/",
    "/contact/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC)
def test_public_page_passes_axe(page, axe, path):
    page.goto(path)
    axe(page)


def test_account_pages_pass_axe(page, axe, login_page, member):
    login_page(page, member)
    for path in [
        "/accounts/me/",
        "/accounts/password/change/",
        "/accounts/email/",
        "/accounts/me/delete/",
        "/accounts/logout/",
    ]:
        page.goto(path)
        assert page.locator("h1").count() == 1
        axe(page)


def test_form_errors_pass_axe_and_link_to_fields(page, axe):
    page.goto("/accounts/signup/")
    page.get_by_role("button", name="Sign up").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    axe(page)
    summary.locator("a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.inner_text() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/about/", "/accounts/signup/"])
def test_no_sideways_scrolling_at_320_px(page, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_pages_work_without_javascript(nojs_page, axe):
    nojs_page.goto("/accounts/login/")
    nojs_page.locator("#id_login").fill("nobody@example.org")
    nojs_page.locator("#id_password").fill("wrong-password")
    nojs_page.get_by_role("button", name="Sign in").click()
    assert "not correct" in nojs_page.content()


@pytest.mark.parametrize("path", ["/", "/about/", "/privacy/", "/contact/", "/accounts/signup/"])
def test_pages_render_fully_without_javascript(nojs_page, path):
    nojs_page.goto(path)
    assert nojs_page.locator("h1").count() == 1
    assert nojs_page.get_by_role("navigation", name="Main").is_visible()


def test_sign_up_works_without_javascript(nojs_page):
    from django.core import mail

    nojs_page.goto("/accounts/signup/")
    nojs_page.locator("#id_email").fill("nojs@example.org")
    nojs_page.locator("#id_password1").fill("a-long-passphrase-without-js")
    nojs_page.locator("#id_password2").fill("a-long-passphrase-without-js")
    nojs_page.get_by_role("button", name="Sign up").click()
    nojs_page.wait_for_url("**/accounts/confirm-email/")
    assert [m.to for m in mail.outbox] == [["nojs@example.org"]]


def test_account_page_works_without_javascript(nojs_page, login_page, member):
    login_page(nojs_page, member)
    nojs_page.goto("/accounts/me/")
    nojs_page.locator("#id_pronouns").fill("they/them")
    nojs_page.get_by_role("button", name="Save profile").click()
    assert "Your profile is saved." in nojs_page.content()
    member.refresh_from_db()
    assert member.pronouns == "they/them"
