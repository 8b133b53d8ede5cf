import json

import pytest
from allauth.account.models import EmailAddress

from collective.models import User
from tests.conftest import client_for
from tests.factories import PASSWORD


def test_account_pages_need_a_login(check_access, cast):
    urls = ["/accounts/me/", "/accounts/me/my-data.json", "/accounts/me/delete/"]
    check_access(urls, allowed=set(cast) - {"visitor"})


def test_member_sets_display_name_and_pronouns(member):
    client = client_for(member)
    response = client.post("/accounts/me/", {"display_name": "Mo", "pronouns": "they/them"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.display_name, member.pronouns) == ("Mo", "they/them")


def test_too_long_pronouns_get_a_message_and_keep_the_input(member):
    response = client_for(member).post(
        "/accounts/me/", {"display_name": "Mo", "pronouns": "x" * 50}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert 'value="Mo"' in response.content.decode()


def test_download_my_data_holds_my_account_only(member, other_member):
    response = client_for(member).get("/accounts/me/my-data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["collective"]["email"] == "member@example.org"
    assert "other@example.org" not in response.content.decode()


def test_delete_account_needs_the_password(member):
    response = client_for(member).post("/accounts/me/delete/", {"password": "wrong"})
    assert response.status_code == 200
    assert "That is not your password" in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_delete_account_removes_the_user_and_logs_out(member):
    client = client_for(member)
    response = client.post("/accounts/me/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not EmailAddress.objects.filter(email=member.email).exists()
    assert client.get("/accounts/me/").status_code == 302


@pytest.mark.django_db
def test_deletion_page_says_what_happens_to_each_kind_of_record(member):
    html = client_for(member).get("/accounts/me/delete/").content.decode()
    assert "Your account" in html
