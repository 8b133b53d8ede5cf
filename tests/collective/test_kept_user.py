"""A signed-in member's row is kept in the worker's memory between requests
(collective/auth_backends.py), and every change to it applies on the next request."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.cache import cache
from django.test import Client

from collective import auth_backends
from collective.lib import versions
from collective.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/me/"


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_signed_in_request_reads_no_row_while_the_member_is_unchanged(
    member, django_assert_num_queries
):
    client = _signed_in(member)
    client.get("/healthz")
    with django_assert_num_queries(0):
        client.get("/healthz")


def test_a_new_password_signs_out_the_member_s_other_sessions_at_once(member):
    laptop, phone = _signed_in(member), _signed_in(member)
    assert laptop.get(ACCOUNT).status_code == 200
    assert phone.get(ACCOUNT).status_code == 200
    member.set_password("a brand new passphrase 77")
    member.save()
    assert phone.get(ACCOUNT).status_code == 302
    assert laptop.get(ACCOUNT).status_code == 302


def test_a_deactivated_account_is_signed_out_at_once(member):
    client = _signed_in(member)
    assert client.get(ACCOUNT).status_code == 200
    member.is_active = False
    member.save(update_fields=["is_active"])
    assert client.get(ACCOUNT).status_code == 302


def test_a_deleted_account_is_signed_out_and_leaves_the_worker_s_memory(member):
    client = _signed_in(member)
    assert client.get(ACCOUNT).status_code == 200
    assert member.pk in auth_backends._rows
    User.objects.filter(pk=member.pk).delete()
    assert client.get(ACCOUNT).status_code == 302
    assert member.pk not in auth_backends._rows


def test_a_member_made_staff_sees_the_staff_link_on_the_next_page(member):
    client = _signed_in(member)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    member.is_staff = True
    member.save(update_fields=["is_staff"])
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_a_changed_display_name_shows_on_the_next_page(member):
    client = _signed_in(member)
    assert "Mo Member" in client.get(ACCOUNT).content.decode()
    member.display_name = "Morgan"
    member.save(update_fields=["display_name"])
    page = client.get(ACCOUNT).content.decode()
    assert "Morgan" in page and "Mo Member" not in page


def test_each_request_gets_its_own_user(member):
    first = auth_backends.kept_user(member.pk)
    first.display_name = "Changed in one request only"
    second = auth_backends.kept_user(member.pk)
    assert second is not first
    assert second.display_name == "Mo Member"


def test_the_row_never_goes_to_redis(member):
    client = _signed_in(member)
    client.get(ACCOUNT)
    client.get(ACCOUNT)
    cached = repr(cache.get_many([versions._key("collective.User", member.pk)]))
    assert member.password not in cached and member.email not in cached


def test_without_the_cache_the_row_is_read_each_time(member, monkeypatch):
    client = _signed_in(member)
    monkeypatch.setattr(versions, "current", lambda *labels: None)
    assert client.get(ACCOUNT).status_code == 200
    member.set_password("a brand new passphrase 77")
    member.save()
    assert client.get(ACCOUNT).status_code == 302


def test_a_session_signed_in_through_a_former_backend_stays_signed_in(member, settings):
    client = Client()
    session = client.session
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    assert client.get(ACCOUNT).status_code == 200


def test_another_member_is_never_served_from_the_first_member_s_row(member):
    other = UserFactory(email="other@example.org", display_name="Olu Other")
    _signed_in(member).get(ACCOUNT)
    page = _signed_in(other).get(ACCOUNT).content.decode()
    assert "Olu Other" in page and "Mo Member" not in page
