"""A member completes the member survey by keyboard alone; every page passes axe."""

import random
import uuid

import pytest
from django.utils import timezone

from surveys.demo import fake_answers
from surveys.member_survey import load_member_survey
from surveys.models import Answer, Participation, Response
from surveys.selectors import survey_structure
from tests.surveys.helpers import release_now

pytestmark = pytest.mark.browser


def press(page, locator, key="Enter"):
    """Move keyboard focus to an element and press a key on it (no mouse)."""
    locator.focus()
    if key == "Enter":
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)


def test_member_completes_the_member_survey_by_keyboard(page, axe, login_page, member):
    survey, _ = load_member_survey(publish=True)
    login_page(page, member)

    page.goto("/surveys/")
    axe(page)
    press(page, page.get_by_role("link", name=survey.title))
    assert "What we record" in page.content()
    axe(page)
    press(page, page.get_by_role("link", name="Start the survey"))

    # Page 1: send it empty, follow the error summary to the field, then answer.
    assert "Page 1 of 4" in page.content()
    axe(page)
    press(page, page.get_by_role("button", name="Continue"))
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    axe(page)
    summary.get_by_role("link").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('choice-options')")
    press(page, page.get_by_label("Social media"), " ")
    page.keyboard.press("Tab")
    why = page.get_by_label("Why did you join the Collective?")
    why.focus()
    page.keyboard.type("To change how research is done.")
    press(page, page.get_by_role("button", name="Continue"))

    # Page 2: answer a little, then save and come back later.
    assert "Page 2 of 4" in page.content()
    axe(page)
    press(page, page.get_by_label("Learning new skills"), " ")
    press(page, page.get_by_role("button", name="Save and come back later"))
    assert "Your answers so far are saved" in page.content()
    press(page, page.get_by_role("link", name=survey.title))
    press(page, page.get_by_role("link", name="Continue where you left off"))
    assert "Page 2 of 4" in page.content()
    assert page.get_by_label("Learning new skills").is_checked()
    press(page, page.get_by_label("4", exact=True), " ")
    press(page, page.get_by_role("button", name="Continue"))

    # Page 3: "Yes" reveals the follow-up (script), which is then required.
    assert "Page 3 of 4" in page.content()
    follow_up = page.get_by_label("What gets in the way?")
    assert not follow_up.is_visible()
    axe(page)
    press(page, page.get_by_label("Yes", exact=True), " ")
    assert follow_up.is_visible()
    press(page, page.get_by_role("button", name="Continue"))
    assert page.locator(".error-summary").is_visible()
    axe(page)
    follow_up.focus()
    page.keyboard.type("Meetings in working hours.")
    press(page, page.get_by_role("button", name="Continue"))

    # Page 4: the optional equality question, with census groups as fieldsets.
    assert "Page 4 of 4" in page.content()
    assert page.locator("fieldset.choice-group legend").count() == 5
    axe(page)
    press(page, page.get_by_label("Indian"), " ")
    press(page, page.get_by_role("button", name="Check your answers"))

    # Review, then send.
    content = page.content()
    assert "Check your answers" in content and "Meetings in working hours." in content
    axe(page)
    press(page, page.get_by_role("button", name="Send my answers"))
    assert "Thank you for taking part" in page.content()
    axe(page)
    assert Participation.objects.filter(user=member, survey=survey).exists()
    assert survey.waiting_count() == 1
    release_now(survey)
    assert Response.objects.get(survey=survey).user is None


def _member_survey_with_responses(count=30):
    survey, _ = load_member_survey(publish=True)
    structure = survey_structure(survey)
    rng = random.Random(3)
    responses = [
        Response(id=uuid.uuid4(), survey=survey, submitted_on=timezone.localdate())
        for _ in range(count)
    ]
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(a for r in responses for a in fake_answers(structure, rng, r))
    return survey, structure


def test_results_pages_pass_axe(page, axe, login_page, survey_manager):
    survey, structure = _member_survey_with_responses()
    login_page(page, survey_manager)
    page.goto(f"/surveys/{survey.slug}/results/")
    assert page.locator("svg[role=img]").count() >= 4
    axe(page)
    found = structure.questions[0].pk
    ethnic = structure.questions[-1].pk
    page.goto(f"/surveys/{survey.slug}/results/breakdown/?question={found}&by={ethnic}")
    assert ">withheld<" in page.content()
    axe(page)
    why = structure.questions[1].pk
    page.goto(f"/surveys/{survey.slug}/results/questions/{why}/answers/")
    assert page.locator(".text-answers li").count() == 30
    axe(page)
    page.goto("/surveys/results/")
    axe(page)
    page.goto(f"/surveys/{survey.slug}/preview/1/")
    assert "Nothing you enter here is saved" in page.content()
    axe(page)


def test_survey_page_works_without_javascript(nojs_page, login_page, member):
    survey, _ = load_member_survey(publish=True)
    login_page(nojs_page, member)
    nojs_page.goto(f"/surveys/{survey.slug}/page/3/")
    assert nojs_page.get_by_label("What gets in the way?").is_visible()
    assert "Answer this only if you chose “Yes”" in nojs_page.content()
    nojs_page.get_by_label("No", exact=True).check()
    nojs_page.get_by_role("button", name="Continue").click()
    assert "Page 4 of 4" in nojs_page.content()


def test_survey_and_results_pages_fit_a_320_px_screen(page, login_page, superuser):
    survey, _ = _member_survey_with_responses()
    login_page(page, superuser)
    page.set_viewport_size({"width": 320, "height": 640})
    for path in [f"/surveys/{survey.slug}/page/4/", f"/surveys/{survey.slug}/results/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
