"""The ethnic-group question in the browser: a labelled box per "other" choice, under it."""

import pytest

from surveys.forms import AnswerValue
from surveys.member_survey import load_member_survey
from surveys.models import Question
from surveys.services import response_submit
from tests.factories import UserFactory
from tests.surveys.helpers import release_now

pytestmark = pytest.mark.browser

BLACK = "Any other Black, Black British or Caribbean background"


@pytest.fixture
def survey(transactional_db):
    survey, _ = load_member_survey(publish=True)
    return survey


def _ethnic(survey):
    return Question.objects.get(section__survey=survey, text="What is your ethnic group?")


def test_choosing_an_other_group_shows_its_own_box_by_keyboard(
    page, axe, login_page, member, survey
):
    question = _ethnic(survey)
    black = question.choices.get(text=BLACK)
    login_page(page, member)
    page.goto(f"/surveys/{survey.slug}/page/{question.section.position + 1}/")
    box = page.get_by_label("Describe your Black, Black British or Caribbean background")
    assert not box.is_visible(), "with JavaScript a box shows only once its choice is chosen"
    page.locator(f"#id_{black.other_field_name}").wait_for(state="hidden")
    radio = page.get_by_label(BLACK, exact=True)
    radio.focus()
    page.keyboard.press("Space")
    assert box.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"id_{black.other_field_name}"
    page.keyboard.type("Black British and Somali")
    assert not page.get_by_label("Describe your Asian background").is_visible()
    axe(page)


def test_without_javascript_every_box_is_labelled_under_its_choice_at_320_px(
    nojs_page, axe, login_page, member, survey
):
    question = _ethnic(survey)
    login_page(nojs_page, member)
    nojs_page.set_viewport_size({"width": 320, "height": 800})
    nojs_page.goto(f"/surveys/{survey.slug}/page/{question.section.position + 1}/")
    for choice in question.choices.filter(is_other=True):
        assert nojs_page.get_by_label(choice.other_label).is_visible()
    assert nojs_page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_text_reaches_the_written_answers_under_its_choice(
    page, login_page, survey_manager, survey
):
    question = _ethnic(survey)
    black = question.choices.get(text=BLACK)
    for _ in range(survey.threshold):
        answer = AnswerValue(question=question, choices=[black], texts={black.pk: "Somali"})
        response_submit(survey=survey, user=UserFactory(), answers=[answer])
    release_now(survey)
    login_page(page, survey_manager)
    page.goto(f"/surveys/{survey.slug}/results/questions/{question.pk}/answers/")
    assert page.locator(".text-answers li").first.inner_text() == f"{BLACK}: Somali"
