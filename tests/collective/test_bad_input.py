"""No input gives a server error: the cases the fuzz test first found, each as its own test.

Refused input is answered with a friendly page in the portal's layout (400, 405, 413) and
logged by django.security as one WARNING line without a traceback.
"""

import io
import logging
import time

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.library.factories import ResourceFactory
from tests.surveys.factories import SurveyFactory

PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.fixture
def security_log():
    """What the configured django.security handler writes, as text."""
    handler = logging.getLogger("django.security").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def assert_one_warning_line(log, text):
    lines = log.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("WARNING django.security."), lines
    assert text in lines[0]
    assert "Traceback" not in log.getvalue()


def assert_friendly(response, status, heading):
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html
    assert 'class="site-header' in html, "the page is in the portal's layout"
    assert "coproduction@ucl.ac.uk" in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/accounts/logout/"])
def test_malformed_next_is_ignored(client, url):
    client.force_login(UserFactory()) if url.endswith("logout/") else None
    response = client.get(url, {"next": "https://[::1"})
    assert response.status_code in (200, 302)
    response = client.post(url + "?next=https://[::1", {"next": "https://[::1"})
    assert response.status_code in (200, 302)
    assert "[::1" not in response.get("Location", "")


@pytest.mark.django_db
def test_malformed_next_after_log_in_goes_to_the_account_page(client):
    UserFactory(email="m@example.org", password=PASSWORD)
    response = client.post(
        "/accounts/login/", {"login": "m@example.org", "password": PASSWORD, "next": "https://[::1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path, where",
    [
        ("/surveys/link/%00/", "the path"),
        ("/library/?q=%00", "the query string"),
        ("/library/?%00=1", "the query string"),
    ],
)
def test_nul_in_the_address_is_a_400(client, security_log, path, where):
    response = client.get(path)
    assert_friendly(response, 400, "We could not read that request")
    assert_one_warning_line(security_log, f"Refused a request: {where} holds a NUL character")


@pytest.mark.django_db
def test_nul_in_a_form_field_gets_the_forms_message_and_keeps_the_rest(client, security_log):
    response = client.post("/feedback/", {"topic": "general", "message": "hello\x00there"})
    assert response.status_code == 200
    assert "null" in response.content.decode() and 'value="general"' in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_form_fields_name_is_a_400(client, security_log):
    response = client.post("/feedback/", {"topic\x00": "general"})
    assert_friendly(response, 400, "We could not read that request")
    assert_one_warning_line(security_log, "a form field's name holds a NUL character")


@pytest.mark.django_db
def test_nul_in_the_session_cookie_is_a_400(security_log):
    # A quoted cookie value may escape characters in octal: \000 is a NUL.
    response = Client().get("/", HTTP_COOKIE='sessionid="\\000abcdefghijkl"')
    assert response.status_code == 400
    assert_one_warning_line(security_log, "a cookie holds a NUL character")


@pytest.mark.django_db
def test_oversized_body_gets_the_413_page(client, security_log, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/feedback/", {"topic": "general", "message": "x" * 20_000})
    assert_friendly(response, 413, "That was too much to send at once")
    assert_one_warning_line(security_log, "RequestDataTooBig")


@pytest.mark.django_db
def test_too_many_fields_get_the_413_page(client, security_log):
    body = "&".join(f"f{n}=1" for n in range(1200))
    response = client.generic(
        "POST", "/feedback/", body, content_type="application/x-www-form-urlencoded"
    )
    assert_friendly(response, 413, "That was too much to send at once")
    assert_one_warning_line(security_log, "TooManyFieldsSent")


@pytest.mark.django_db
def test_broken_multipart_gets_the_400_page(client, security_log):
    response = client.generic(
        "POST", "/feedback/", b"--x\r\nbroken", content_type="multipart/form-data; boundary="
    )
    assert_friendly(response, 400, "We could not read that request")
    assert_one_warning_line(security_log, "BrokenUpload")


@pytest.mark.django_db
def test_method_not_allowed_gets_the_405_page_with_its_allow_header(client):
    response = client.post("/healthz")
    assert_friendly(response, 405, "This page cannot be used that way")
    assert response["Allow"] == "GET"


# ---- the admin (issue 13: "no server error from any admin input") ---------------------------


@pytest.fixture
def curator_client(client, library_curator):
    client.force_login(library_curator)
    return client


def test_admin_autocomplete_field_with_a_value_that_is_no_id(curator_client):
    response = curator_client.post(
        "/admin/library/copy/add/", {"resource": "not-an-id", "code": "C-1", "condition": "good"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_admin_autocomplete_view_with_bad_parameters(curator_client):
    for query in [
        {"app_label": "library", "model_name": "copy", "field_name": "resource", "term": "x"},
        {"app_label": "library", "model_name": "copy", "field_name": "nope", "term": "x"},
        {"app_label": "x", "model_name": "y", "field_name": "z"},
        {"app_label": "library", "model_name": "copy", "field_name": "resource", "page": "abc"},
        {"app_label": "library", "model_name": "copy", "field_name": "resource", "page": "9" * 30},
    ]:
        assert curator_client.get("/admin/autocomplete/", query).status_code < 500


def test_admin_action_on_ids_that_are_not_ids_is_a_400(curator_client):
    ResourceFactory()
    response = curator_client.post(
        "/admin/library/resource/", {"action": "delete_selected", "_selected_action": [" "]}
    )
    assert response.status_code == 400


def test_admin_list_filter_with_a_nul_is_a_400(curator_client):
    assert curator_client.get("/admin/library/loan/?status__exact=%00").status_code == 400


def test_admin_unknown_filter_value_is_not_an_error(curator_client):
    for query in ["status__exact=nonsense", "resource__id__exact=abc", "nonsense=1", "o=abc"]:
        assert curator_client.get(f"/admin/library/loan/?{query}").status_code < 500


def test_a_year_too_large_for_a_date_is_an_incorrect_filter(client, facilitation_coordinator):
    client.force_login(facilitation_coordinator)
    response = client.get("/admin/facilitation/session/?starts_at__year=99999999999999999999999")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_huge_formset_count_is_capped_with_a_message(client, survey_manager):
    # The question page's choices are an inline formset (the survey page has none since the
    # survey builder replaced its inlines).
    from tests.surveys.factories import SectionFactory, choice_question

    question = choice_question(SectionFactory(survey=SurveyFactory()), "Pick?", ["A", "B"])
    client.force_login(survey_manager)
    data = {
        "section": question.section_id,
        "text": question.text,
        "kind": question.kind,
        "choices-TOTAL_FORMS": "1000000",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    started = time.monotonic()
    response = client.post(f"/admin/surveys/question/{question.pk}/change/", data)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert "Please submit at most 200 forms" in response.content.decode()
