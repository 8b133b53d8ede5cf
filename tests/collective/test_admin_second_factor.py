"""Staff open the admin only once signed in with a second factor; the admin log-in is allauth's."""

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from tests.conftest import client_for
from tests.factories import PASSWORD, UserFactory
from tests.second_factor import (
    give_authenticator_app,
    mark_signed_in_with_app,
    recovery_codes,
    totp_code,
)

pytestmark = pytest.mark.real_second_factor


def admin_urls():
    """Every page of the admin a staff member could ask for: index, each app, each model."""
    urls = {reverse("admin:index"), reverse("admin:password_change")}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.add(reverse("admin:app_list", args=[opts.app_label]))
        urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        urls.add(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[1]))
        # The admin's own extra pages (CSV import, builders, ...) are in its namespace too.
        for pattern in model_admin.get_urls():
            if pattern.name and not pattern.pattern.converters:
                urls.add(reverse(f"admin:{pattern.name}"))
    return sorted(urls)


def logged_in(user):
    """A session after the password alone (no second factor), as allauth leaves it then."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)


def test_staff_without_an_authenticator_app_cannot_open_any_admin_page(staff):
    client = logged_in(staff)
    assert "_auth_user_id" in client.session  # signed in, with the password only
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_index"), url
    post = client.post(reverse("admin:library_resource_changelist"), {"action": "publish"})
    assert post.status_code == 302 and post.url == reverse("mfa_index")


def test_they_are_told_why_in_plain_words(staff):
    response = logged_in(staff).get(reverse("admin:index"), follow=True)
    page = response.content.decode()
    assert "The staff admin needs two-step sign-in" in page
    assert "your password alone is not enough" in page


def test_staff_with_an_app_who_did_not_use_it_this_session_are_asked_for_a_code(staff):
    secret = give_authenticator_app(staff)
    client = Client()
    client.force_login(staff)  # a session that skipped the second factor
    for url in admin_urls():
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("mfa_reauthenticate") + "?" + urlencode({"next": url})

    response = client.get(reverse("admin:index"), follow=True)
    assert "Type a code from your authenticator app" in response.content.decode()
    response = client.post(
        reverse("mfa_reauthenticate") + "?next=/admin/", {"code": totp_code(secret)}
    )
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


def test_signed_in_with_the_app_staff_open_every_admin_page(staff):
    client = Client()
    client.force_login(staff)
    mark_signed_in_with_app(client, staff)
    for url in admin_urls():
        response = client.get(url)
        # The admin answers for itself (a page, "no such object", "not allowed to add").
        assert response.status_code in (200, 302, 403, 404), url
        assert "/accounts/" not in response.headers.get("Location", ""), url
    assert client.get(reverse("admin:index")).status_code == 200


def test_portal_log_in_asks_staff_for_the_code_and_then_opens_the_admin(staff):
    secret = give_authenticator_app(staff)
    client = Client()
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302 and response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # not signed in before the second step

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "Incorrect code" in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_also_opens_the_admin(staff):
    give_authenticator_app(staff)
    code = recovery_codes(staff)[0]
    client = Client()
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get("/admin/").status_code == 200
    assert code not in recovery_codes(staff)  # each recovery code works once


@pytest.mark.django_db(transaction=True)  # allauth announces the new app on commit
def test_setting_up_the_app_counts_as_signing_in_with_it(staff):
    client = logged_in(staff)
    client.get(reverse("admin:index"))
    # allauth asks for the password again before an authenticator is added.
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302:
        client.post(response.url, {"password": PASSWORD})
        response = client.get(reverse("mfa_activate_totp"))
    page = response.content.decode()
    secret = response.context["form"].secret
    assert secret in page  # the secret as text, for people who cannot scan the QR code
    assert "data:image/svg+xml;base64," in page
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_log_in_form_is_the_portal_log_in(staff):
    client = Client()
    response = client.post(
        reverse("admin:login"), {"username": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    # Django's own admin log-in (no rate limit, no second factor) never checks the password.
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login") + "?next=")
    assert "_auth_user_id" not in client.session


def test_failed_admin_log_ins_are_rate_limited_like_the_portal(staff):
    client = Client()
    login_url = client.get(reverse("admin:index"), follow=True).request["PATH_INFO"]
    assert login_url == reverse("account_login")
    for _ in range(5):
        response = client.post(
            reverse("account_login") + "?next=/admin/",
            {"login": staff.email, "password": "wrong", "next": "/admin/"},
        )
        assert "not correct" in response.content.decode()
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": staff.email, "password": PASSWORD, "next": "/admin/"},
    )
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_members_stay_out_of_the_admin(db):
    member = UserFactory()
    client = Client()
    client.force_login(member)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:login")).status_code == 403


def test_the_authenticator_key_is_not_stored_in_clear(staff):
    from allauth.mfa.models import Authenticator

    secret = give_authenticator_app(staff)
    stored = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    codes = Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    assert not re.fullmatch(r"[0-9a-f]{80}", codes.data["seed"])  # not the seed in clear


def test_an_authenticator_can_be_deleted_in_the_admin_but_never_edited(superuser, member):
    from allauth.mfa.models import Authenticator

    from tests.second_factor import give_authenticator_app, mark_signed_in_with_app

    give_authenticator_app(member)
    authenticator = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP)
    client = client_for(superuser)
    mark_signed_in_with_app(client, superuser)
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    response = client.post(url, {"user": member.pk, "type": "webauthn", "data": ""})
    assert response.status_code == 403
    authenticator.refresh_from_db()
    assert authenticator.type == Authenticator.Type.TOTP
    assert client.get(reverse("admin:mfa_authenticator_add")).status_code == 403
    delete = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    client.post(delete, {"post": "yes"})
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
