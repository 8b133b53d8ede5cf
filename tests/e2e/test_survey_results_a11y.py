"""Survey managers' results pages: axe (WCAG 2.2 A/AA) at 320 px, keyboard, no JavaScript."""

import pytest

from surveys.results import results_refresh
from tests.e2e.test_surveys_flow import _member_survey_with_responses

pytestmark = pytest.mark.browser


def test_results_pages_pass_axe_at_320_px_and_fit_the_screen(page, axe, login_page, survey_manager):
    survey, structure = _member_survey_with_responses(24)
    results_refresh(survey=survey)
    login_page(page, survey_manager)
    page.set_viewport_size({"width": 320, "height": 640})
    found, why, ethnic = (structure.questions[i].pk for i in (0, 1, -1))
    other = next(q for q in structure.questions if any(c.is_other for c in q.choices.all()))
    paths = [
        "/surveys/results/",
        f"/surveys/{survey.slug}/results/",
        f"/surveys/{survey.slug}/results/breakdown/?question={found}&by={ethnic}",
        f"/surveys/{survey.slug}/results/breakdown/?question={why}&by={found}",
        f"/surveys/{survey.slug}/results/breakdown/?question={found}&by={found}",  # error
        f"/surveys/{survey.slug}/results/questions/{why}/answers/",
        f"/surveys/{survey.slug}/results/questions/{other.pk}/answers/",
    ]
    for path in paths:
        page.goto(path)
        axe(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_a_breakdown_is_reached_by_keyboard_without_javascript(
    nojs_page, login_page, survey_manager
):
    survey, structure = _member_survey_with_responses(12)
    results_refresh(survey=survey)
    login_page(nojs_page, survey_manager)
    nojs_page.goto(f"/surveys/{survey.slug}/results/")
    assert "These results cover the responses released so far" in nojs_page.content()
    nojs_page.get_by_label("Broken down by the answers to").focus()
    nojs_page.keyboard.press("End")
    nojs_page.get_by_role("button", name="Show the breakdown").focus()
    with nojs_page.expect_navigation():
        nojs_page.keyboard.press("Enter")
    assert nojs_page.locator("#breakdown-caption").is_visible()
    assert "fewer than" not in nojs_page.locator("table").inner_text()
