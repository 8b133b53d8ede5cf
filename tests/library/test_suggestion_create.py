import pytest
from django.test import override_settings
from django.urls import reverse

from library.models import Suggestion

URL = reverse("library:suggestion-create")
VALID = {"title": "Black Skin, White Masks", "kind": "book", "why": "A classic.", "name": ""}


def test_anyone_can_open_the_suggestion_form(check_access, cast, db):
    check_access([URL], allowed=set(cast))


def test_a_visitor_suggests_without_an_account(client, db):
    response = client.post(URL, VALID, follow=True)
    assert "Thank you for your suggestion" in response.content.decode()
    suggestion = Suggestion.objects.get()
    assert (suggestion.title, suggestion.suggested_by, suggestion.status) == (
        "Black Skin, White Masks",
        None,
        "pending",
    )


def test_a_member_suggestion_is_linked_to_them_so_they_can_be_told(client, member):
    client.force_login(member)
    client.post(URL, VALID)
    assert Suggestion.objects.get().suggested_by == member


def test_errors_are_summarised_and_what_was_typed_is_kept(client, db):
    response = client.post(URL, {"title": "My title", "kind": "", "why": "  ", "link": "nope"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_kind"' in page and 'href="#id_why"' in page and 'href="#id_link"' in page
    assert 'value="My title"' in page
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "t" * 100_000),
        ("why", "w" * 100_000),
        ("name", "\x00null"),
        ("link", "javascript:alert(1)"),
    ],
)
def test_bad_input_gets_a_message_not_an_error(client, db, field, value):
    response = client.post(URL, {**VALID, field: value})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_html_is_stored_as_text_and_shown_escaped(client, db):
    client.post(URL, {**VALID, "title": "<b>Bold</b> title"})
    assert Suggestion.objects.get().title == "<b>Bold</b> title"


def test_the_honeypot_keeps_nothing(client, db):
    response = client.post(URL, {**VALID, "website": "http://spam.example"}, follow=True)
    assert "Thank you" in response.content.decode()
    assert not Suggestion.objects.exists()


@override_settings(LIBRARY_SUGGESTIONS_PER_HOUR=2)
def test_too_many_suggestions_are_refused_politely(client, db):
    for _ in range(2):
        client.post(URL, VALID)
    response = client.post(URL, VALID)
    assert "Try again later" in response.content.decode()
    assert Suggestion.objects.count() == 2


def test_a_suggestion_records_the_day_not_the_time(client, db):
    client.post(URL, VALID)
    field = Suggestion._meta.get_field("created_on")
    assert field.get_internal_type() == "DateField"


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "collective.lib.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_a_suggestion_is_saved_even_when_redis_is_down(client, db):
    response = client.post(URL, VALID, follow=True)
    assert "Thank you for your suggestion" in response.content.decode()
    assert Suggestion.objects.count() == 1
