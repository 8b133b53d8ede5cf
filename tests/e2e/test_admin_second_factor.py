"""In a real browser: staff sign in with their second factor and see the work waiting; staff
without one are led to set it up; members turn it on from their account page."""

import pytest
from playwright.sync_api import expect

from library import services
from tests.e2e.admin_login import login_staff
from tests.factories import PASSWORD, UserFactory
from tests.library.factories import BookFactory, SuggestionFactory
from tests.second_factor import totp_code

pytestmark = pytest.mark.browser


def log_in_with_password(page, user, next_url="/admin/"):
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def confirm_password_if_asked(page, axe=None):
    """allauth asks for the password again before an authenticator app is added."""
    if "/accounts/reauthenticate/" in page.url:
        if axe:
            axe(page)
        page.locator("#id_password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()


def test_curator_logs_in_with_the_code_and_sees_the_work_waiting(
    page, live_server, axe, library_curator
):
    services.loan_request(resource=BookFactory(), borrower=UserFactory())
    SuggestionFactory()
    login_staff(page, live_server.url, library_curator)
    overview = page.get_by_role("table", name="Work waiting for you")
    expect(overview).to_be_visible()
    expect(overview.get_by_role("row", name="Loan requests to approve 1")).to_be_visible()
    axe(page)
    overview.get_by_role("link", name="Loan requests to approve").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)

    # A second log-in straight after (same 30 seconds) still works: the helper moves on.
    page.context.clear_cookies()
    login_staff(page, live_server.url, library_curator)


def test_staff_without_a_second_factor_are_led_to_set_it_up(page, axe):
    staff = UserFactory(email="new-staff@example.org", is_staff=True, is_superuser=True)
    log_in_with_password(page, staff)
    page.goto("/admin/")
    page.wait_for_url("**/accounts/2fa/")
    expect(page.get_by_text("The staff admin needs two-step sign-in.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Set up an authenticator app").click()
    confirm_password_if_asked(page, axe)
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    qr = page.get_by_role("img", name="QR code holding the key shown below")
    expect(qr).to_be_visible()
    # The content security policy lets the QR code (a data: image) load.
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    axe(page)

    secret = page.locator("#authenticator_secret").inner_text().strip()
    page.get_by_label("Authenticator code").fill("123")
    page.get_by_role("button", name="Turn on").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on").click()

    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    axe(page)
    page.get_by_role("link", name="Continue to the staff admin").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_role("heading", name="Back office")).to_be_visible()


def test_a_member_turns_on_two_step_log_in_without_javascript_at_320px(
    browser, live_server, transactional_db, login_page, member
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 320, "height": 800}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        login_page(page, member)
        page.goto("/accounts/me/")
        page.get_by_role("link", name="Two-step sign-in").click()
        expect(page.get_by_role("heading", name="Two-step sign-in", level=1)).to_be_visible()
        page.get_by_role("link", name="Set up an authenticator app").click()
        confirm_password_if_asked(page)
        page.wait_for_url("**/accounts/2fa/totp/activate/")
        secret = page.locator("#authenticator_secret").inner_text().strip()
        page.get_by_label("Authenticator code").fill(totp_code(secret))
        page.get_by_role("button", name="Turn on").click()
        page.wait_for_url("**/accounts/2fa/recovery-codes/")
        page.goto("/accounts/2fa/")
        expect(page.get_by_text("On: you type a code")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/accounts/2fa/", "/accounts/2fa/totp/activate/"])
def test_two_step_pages_fit_a_320px_screen_and_pass_axe(
    browser, live_server, transactional_db, axe, login_page, member, path
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        login_page(page, member)
        page.goto(path)
        confirm_password_if_asked(page)
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide at 320px"
        axe(page)
    finally:
        context.close()
