"""Staff log in as they really do, in a browser: the portal's log-in, then the second step.

    from tests.e2e.admin_login import login_staff
    login_staff(page, live_server.url, library_curator)   # the page is now on /admin/

The user gets an authenticator app first if they have none (tests.second_factor). A code from
the app is accepted once, so a second log-in of the same person within 30 seconds falls back to
the next code and then to a recovery code.
"""

from urllib.parse import quote

from tests.factories import PASSWORD
from tests.second_factor import give_authenticator_app, recovery_codes, totp_code


def login_staff(page, live_server_url, user, *, password=PASSWORD, next_url="/admin/"):
    """Sign `user` in through /accounts/login/ and the code step; return the page at `next_url`."""
    secret = give_authenticator_app(user)
    page.goto(f"{live_server_url}/accounts/login/?next={quote(next_url)}")
    page.locator("#id_login").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    for code in [totp_code(secret), totp_code(secret, step=1), recovery_codes(user)[0]]:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if "/accounts/2fa/authenticate/" not in page.url:
            break
    assert page.url == f"{live_server_url}{next_url}", f"log-in ended on {page.url}"
    return page
