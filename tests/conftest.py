"""The test harness every app reuses.

- The fixed cast: `visitor` (None), `member`, `other_member`, one user per staff group,
  `superuser`; `cast` maps each role name to its user.
- `services`: `require_postgres()` / `require_redis()` skip a test when the service is absent,
  and fail it instead when REQUIRE_SERVICES=1 (as in CI).
- Browser: `page` (Playwright on Debian's Chromium), `nojs_page`, `login_page(page, user)`, and
  `axe(page)`, which fails on any WCAG 2.2 A/AA violation.
- `check_access(urls, allowed)` requests each URL as every member of the cast.
- `Client.force_login(staff)` stands for a complete log-in, second factor included: the staff
  member gets an authenticator app and the session counts as signed in with it, so the admin
  opens (collective.second_factor). Tests of the second factor itself opt out with
  `@pytest.mark.real_second_factor`; browser tests log in for real with
  `tests.e2e.admin_login.login_staff`.
"""

import os
import shutil

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from collective import celery_app
from collective.lib import groups
from tests.factories import UserFactory

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it (see ../shared/RECIPES.md).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def missing_service(reason):
    """Skip, or fail when REQUIRE_SERVICES=1: in CI nothing may be skipped for want of a service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


def require_postgres():
    if not settings.IS_POSTGRES:
        missing_service("this test needs PostgreSQL (set DATABASE_URL)")


def require_redis():
    if not settings.REDIS_URL:
        missing_service("this test needs Redis (set REDIS_URL)")


def pytest_sessionstart(session):
    if REQUIRE_SERVICES and not (settings.IS_POSTGRES and settings.REDIS_URL):
        raise pytest.UsageError("REQUIRE_SERVICES=1 needs DATABASE_URL (PostgreSQL) and REDIS_URL")


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run in-process; tests/collective/test_celery_worker.py uses a real worker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(request, monkeypatch):
    if request.node.get_closest_marker("real_second_factor"):
        return
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff:
            from tests.second_factor import mark_signed_in_with_app

            mark_signed_in_with_app(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(autouse=True)
def _original_language():
    """Each test starts in the default language: a request in Arabic leaves Arabic active in
    its thread, and data made afterwards would be written as Arabic translations."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


# ---- the cast -------------------------------------------------------------------------------


@pytest.fixture
def visitor():
    return None


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.org", display_name="Mo Member")


@pytest.fixture
def other_member(db):
    return UserFactory(email="other@example.org", display_name="Olu Other")


@pytest.fixture
def library_curator(db):
    return UserFactory(email="curator@example.org", groups=[groups.LIBRARY_CURATORS])


@pytest.fixture
def survey_manager(db):
    return UserFactory(email="surveys@example.org", groups=[groups.SURVEY_MANAGERS])


@pytest.fixture
def facilitation_coordinator(db):
    return UserFactory(email="coordinator@example.org", groups=[groups.FACILITATION_COORDINATORS])


@pytest.fixture
def feedback_reader(db):
    return UserFactory(email="reader@example.org", groups=[groups.FEEDBACK_READERS])


@pytest.fixture
def superuser(db):
    return UserFactory(email="super@example.org", is_staff=True, is_superuser=True)


CAST = [
    "visitor",
    "member",
    "other_member",
    "library_curator",
    "survey_manager",
    "facilitation_coordinator",
    "feedback_reader",
    "superuser",
]


@pytest.fixture
def cast(request, db):
    return {role: request.getfixturevalue(role) for role in CAST}


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def check_access(cast):
    """check_access(urls, allowed={"member", ...}): allowed roles get 200, the rest do not.

    Refused people get 403 or 404, or a redirect to a log-in page (visitors; and the admin's way
    of refusing members). Returns {(role, url): status} for further assertions.
    """

    def check(urls, allowed, *, method="get"):
        statuses = {}
        for role, user in cast.items():
            client = client_for(user)
            for url in urls:
                response = getattr(client, method)(url)
                status = response.status_code
                statuses[(role, url)] = status
                if role in allowed:
                    assert status == 200, f"{role} should reach {url}, got {status}"
                elif status == 302:
                    # Refused by a redirect: only to a log-in page (the admin does this for
                    # signed-in people who are not staff).
                    location = response.headers["Location"]
                    assert "login" in location, f"{role} was sent to {location} from {url}"
                else:
                    assert status in (403, 404), f"{role} should not reach {url}, got {status}"
        return statuses

    return check


# ---- browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def _playwright():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        missing_service(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_service("playwright is not installed (make test installs it)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _new_page(browser, live_server, **context_options):
    context = browser.new_context(base_url=live_server.url, **context_options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context, page = _new_page(browser, live_server)
    yield page
    context.close()


@pytest.fixture
def nojs_page(browser, live_server, transactional_db):
    context, page = _new_page(browser, live_server, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def login_page(live_server):
    """login_page(page, user): give the page's browser context a session for `user`."""

    def login(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return login


@pytest.fixture
def axe():
    """axe(page): run axe-core on the page and fail on any WCAG 2.2 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def check(page, context=None):
        results = runner.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        violations = results.response["violations"]
        assert not violations, f"axe found violations on {page.url}:\n" + "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
            for v in violations
        )
        return results

    return check
