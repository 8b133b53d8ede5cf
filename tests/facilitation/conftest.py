import pytest

from tests.conftest import client_for


@pytest.fixture
def as_user():
    """as_user(user): a test client logged in as `user` (or anonymous for None)."""
    return client_for


@pytest.fixture
def coordinators():
    return {"facilitation_coordinator", "superuser"}


@pytest.fixture
def check_admin_access(cast):
    """Like check_access, for admin pages: the admin sends anyone who is not staff to its own
    log-in page (302), and answers 403 to staff without the permission."""

    def check(urls, allowed):
        for role, user in cast.items():
            client = client_for(user)
            for url in urls:
                response = client.get(url)
                if role in allowed:
                    assert response.status_code == 200, f"{role} should reach {url}"
                elif user is None or not user.is_staff:
                    assert response.status_code == 302, f"{role} reached {url}"
                    assert response.url.startswith("/admin/login/")
                else:
                    assert response.status_code == 403, f"{role} reached {url}"

    return check
