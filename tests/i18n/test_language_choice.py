"""The language a person sees: the browser's, then the picker's, then (signed in) the account's."""

import pytest
from django.conf import settings
from django.utils import translation

from collective.lib import versions
from tests.conftest import client_for


def test_the_browser_language_is_the_default(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    assert "bootstrap.rtl.min.css" in response.content.decode()
    assert response["Content-Language"] == "ar"


def test_without_a_preference_the_page_is_in_british_english(client, db):
    html = client.get("/").content.decode()
    assert '<html lang="en-gb" dir="ltr">' in html
    assert "bootstrap.rtl.min.css" not in html


def test_the_picker_names_each_language_in_itself(client, db):
    html = client.get("/library/?q=x").content.decode()
    assert '<label for="language-picker-select">' in html
    assert '<option value="ar" lang="ar">العربية</option>' in html
    assert '<option value="pl" lang="pl">Polski</option>' in html
    assert '<option value="en-gb" lang="en-gb" selected>English</option>' in html
    assert '<input type="hidden" name="next" value="/library/?q=x">' in html


def test_a_visitor_picks_a_language_and_it_is_remembered(client, db):
    response = client.post("/i18n/setlang/", {"language": "pl", "next": "/about/"})
    assert response.status_code == 302
    assert response.url == "/about/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"
    html = client.get("/about/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="pl" dir="ltr">' in html


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_the_picker_never_sends_a_person_to_another_site(client, db, next_url):
    response = client.post("/i18n/setlang/", {"language": "pl", "next": next_url})
    assert response.status_code == 302
    assert response.url == "/"


def test_the_picker_only_takes_a_post(client, db):
    assert client.get("/i18n/setlang/?language=pl&next=/").status_code == 405


def test_an_unknown_language_changes_nothing(member):
    client = client_for(member)
    response = client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    member.refresh_from_db()
    assert member.language == ""


def test_a_member_picking_a_language_keeps_it_on_their_account(member):
    client_for(member).post("/i18n/setlang/", {"language": "ar", "next": "/"})
    member.refresh_from_db()
    assert member.language == "ar"


def test_signing_in_brings_back_the_members_language(member):
    member.language = "pl"
    member.save()
    client = client_for(member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"  # picked before signing in
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="pl" dir="ltr">' in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"
    # The cookie now agrees: nothing more to set.
    assert settings.LANGUAGE_COOKIE_NAME not in client.get("/").cookies


def test_a_member_without_a_language_follows_the_browser(member):
    response = client_for(member).get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_the_account_page_offers_the_language_for_emails_and_pages(member):
    client = client_for(member)
    html = client.get("/accounts/me/").content.decode()
    assert "Language for e-mails and pages" in html
    response = client.post(
        "/accounts/me/", {"display_name": "Mo", "pronouns": "", "language": "pl"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "pl"
    assert '<html lang="pl"' in client.get("/accounts/me/").content.decode()


def test_the_account_page_lets_a_member_choose_no_language(member):
    member.language = "pl"
    member.save()
    client_for(member).post("/accounts/me/", {"display_name": "Mo", "language": ""})
    member.refresh_from_db()
    assert member.language == ""


def test_the_language_is_in_download_my_data(member):
    member.language = "ar"
    member.save()
    data = client_for(member).get("/accounts/me/my-data.json").json()
    assert data["collective"]["language"] == "ar"


def test_cached_fragments_are_kept_apart_per_language(db):
    with translation.override("ar"):
        assert versions.cached("x", ["library.Resource"], lambda: "ar") == "ar"
    with translation.override("pl"):
        assert versions.cached("x", ["library.Resource"], lambda: "pl") == "pl"
