"""A survey manager builds a two-page survey with a show-if question, reorders two questions
and previews it, by keyboard alone."""

import pytest
from playwright.sync_api import expect

from surveys.models import Question, Survey
from tests.e2e.admin.conftest import press_enter_on, tab_to

pytestmark = pytest.mark.browser


def _type_into(page, label, text):
    field = page.get_by_label(label, exact=True)
    tab_to(page, field)
    page.keyboard.type(text)


def _add_page(page, title):
    _type_into(page, "Title of the new page", title)
    press_enter_on(page, page.get_by_role("button", name="Add a page"))
    expect(page.locator(".messagelist")).to_contain_text(f"Page “{title}” added")


def _add_question(page, page_number, text, kind):
    press_enter_on(page, page.get_by_role("link", name=f"Add a question to page {page_number}"))
    _type_into(page, "Text:", text)
    tab_to(page, page.get_by_label("Kind:"))
    page.keyboard.type(kind)  # a select picks the option that starts with what is typed


def _save(page):
    press_enter_on(page, page.get_by_role("button", name="Save", exact=True))


def test_a_survey_manager_builds_a_survey_by_keyboard(page, staff_login, survey_manager):
    staff_login(page, survey_manager)
    page.goto("/admin/surveys/survey/add/")
    _type_into(page, "Title:", "Finding the Collective")
    _save(page)
    survey = Survey.objects.get(title="Finding the Collective")
    expect(page.locator("h1")).to_have_text("Pages and questions: Finding the Collective")

    _add_page(page, "About you")
    _add_page(page, "What stops you")

    _add_question(page, 1, "Did someone tell you about us?", "Yes")
    _save(page)
    _add_question(page, 1, "Who told you?", "Short")
    tab_to(page, page.get_by_label("Show if question:"))
    page.keyboard.type("Did")
    tab_to(page, page.get_by_label("Did someone tell you about us? — Yes"))
    page.keyboard.press("Space")
    _save(page)
    _add_question(page, 2, "What stops you taking part?", "Long")
    _save(page)
    _add_question(page, 2, "Anything else?", "Short")
    _save(page)

    builder = page.locator("#content-main")
    expect(builder).to_contain_text("Shown when question 1 is “Yes”.")

    # "Anything else?" (question 4) moves above question 3.
    press_enter_on(page, page.get_by_role("button", name="Move question 4 up"))
    expect(page.locator(".messagelist")).to_contain_text("Moved question “Anything else?” up.")
    texts = [
        q.text
        for q in Question.objects.filter(section__survey=survey).order_by(
            "section__position", "position"
        )
    ]
    assert texts == [
        "Did someone tell you about us?",
        "Who told you?",
        "Anything else?",
        "What stops you taking part?",
    ]
    expect(
        page.locator("#page-" + str(survey.sections.last().pk) + " .builder-question").first
    ).to_contain_text("Question 3. Anything else?")

    # Preview as a respondent, with the condition as respondents read it.
    press_enter_on(page, page.get_by_role("link", name="Preview page 1"))
    expect(page.locator("main")).to_contain_text("Did someone tell you about us?")
    expect(page.locator("main")).to_contain_text(
        "Answer this only if you chose “Yes” in question 1."
    )
    press_enter_on(page, page.get_by_role("button", name="Continue"))
    second_page = page.locator("main").inner_text()
    assert second_page.index("Anything else?") < second_page.index("What stops you taking part?")


def test_the_builder_and_the_survey_form_fit_1280_px(
    page, staff_login, survey_manager, back_office
):
    survey = back_office["survey"]
    staff_login(page, survey_manager)
    page.set_viewport_size({"width": 1280, "height": 800})
    for path in [
        f"/admin/surveys/survey/{survey.pk}/build/",
        f"/admin/surveys/survey/{survey.pk}/change/",
        f"/admin/surveys/question/{back_office['question'].pk}/change/",
    ]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280, path
