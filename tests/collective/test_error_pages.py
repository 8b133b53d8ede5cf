from django.test import RequestFactory
from django.views import defaults


def test_server_error_page_is_friendly_and_standalone(db):
    response = defaults.server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in html
    assert "coproduction@ucl.ac.uk" in html


def test_permission_denied_page_is_friendly(db, rf):
    from django.core.exceptions import PermissionDenied

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()
