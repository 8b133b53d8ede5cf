"""Every facilitation page passes axe (WCAG 2.2 A/AA): empty, full, and with form errors."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from facilitation.models import Facilitator
from tests.facilitation.factories import (
    MeetingNoteFactory,
    QuestionFactory,
    RecommendationFactory,
    RegistrationFactory,
    SessionFactory,
)

pytestmark = pytest.mark.browser


def _check(page, axe, path):
    page.goto(path)
    assert page.locator("h1").count() == 1, path
    axe(page)


def test_empty_states_pass_axe(page, axe, login_page, member):
    login_page(page, member)
    for path in [
        "/facilitation/",
        "/facilitation/recommend/",
        "/facilitation/recommendations/",
        "/facilitation/facilitators/",
        "/facilitation/sessions/",
        "/facilitation/notes/",
    ]:
        _check(page, axe, path)
    expect(page.locator("main")).to_contain_text("There are no meeting notes yet")


def test_pages_with_content_pass_axe(page, axe, login_page, member):
    session = SessionFactory(title="Responding to microaggressions")
    RegistrationFactory(session=session, member=member)
    QuestionFactory(session=session, text="What if I only notice afterwards?")
    past = SessionFactory(
        starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7, hours=-2),
    )
    note = MeetingNoteFactory(session=past, body="<h2>Agreed</h2><ul><li>Listen</li></ul>")
    RecommendationFactory(member=member, facilitator__status=Facilitator.Status.SHORTLISTED)
    login_page(page, member)
    for path in [
        "/",
        "/accounts/me/",
        "/facilitation/recommendations/",
        "/facilitation/facilitators/",
        "/facilitation/sessions/",
        f"/facilitation/sessions/{session.pk}/",
        f"/facilitation/sessions/{past.pk}/",
        f"/facilitation/sessions/{session.pk}/questions/",
        "/facilitation/notes/",
        f"/facilitation/notes/{note.pk}/",
    ]:
        _check(page, axe, path)


def test_forms_with_errors_pass_axe_and_link_to_fields(page, axe, login_page, member):
    session = SessionFactory()
    login_page(page, member)

    page.goto("/facilitation/recommend/")
    page.get_by_role("button", name="Send recommendation").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)
    page.locator(".error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    page.goto(f"/facilitation/sessions/{session.pk}/")
    page.get_by_label("Access needs (optional)").fill("Captions, please")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Access needs (optional)")).to_have_value("Captions, please")
    axe(page)

    page.get_by_label("I have read the ground rules").check()
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".messages")).to_contain_text("You have a place")
    page.goto(f"/facilitation/sessions/{session.pk}/questions/")
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator(".error-summary")).to_be_visible()
    axe(page)


def test_coordinator_pages_pass_axe(page, axe, login_page, facilitation_coordinator):
    session = SessionFactory()
    QuestionFactory(session=session)
    login_page(page, facilitation_coordinator)
    _check(page, axe, f"/facilitation/sessions/{session.pk}/questions/for-the-facilitator/")
    _check(page, axe, f"/facilitation/sessions/{session.pk}/")


def test_register_and_ask_work_without_javascript(nojs_page, login_page, member):
    session = SessionFactory()
    page = login_page(nojs_page, member)
    page.goto(f"/facilitation/sessions/{session.pk}/")
    page.get_by_label("I have read the ground rules").check()
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".messages")).to_contain_text("You have a place")
    page.get_by_role("link", name="Ask a question without being judged").click()
    page.get_by_label("Your question").fill("How do I start the conversation?")
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator(".messages")).to_contain_text("Your question was received")


def test_session_page_fits_a_320_px_screen(page, login_page, member):
    session = SessionFactory(online_link="https://meet.example.org/" + "a-very-long-link-" * 6)
    RegistrationFactory(session=session, member=member)
    login_page(page, member)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/facilitation/sessions/{session.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
