"""What we heard, in the browser: axe, keyboard, no JavaScript, 320 px."""

import pytest
from django.utils import timezone

from surveys.models import Findings, Survey
from tests.surveys.factories import SectionFactory, SurveyFactory, add_responses, choice_question

pytestmark = pytest.mark.browser


@pytest.fixture
def published(transactional_db):
    survey = SurveyFactory(slug="barriers", title="What stops you", status=Survey.Status.CLOSED)
    question = choice_question(SectionFactory(survey=survey), "What stops you?", ["Time", "Cost"])
    add_responses(survey, question, {"Time": 9, "Cost": 2})
    return Findings.objects.create(
        survey=survey,
        summary="Time is the main barrier for most people who answered.",
        actions="From January we will hold sessions in the evening as well as the day.",
        audience=Findings.Audience.EVERYONE,
        published_on=timezone.localdate(),
    )


def test_a_visitor_reads_what_we_heard_from_the_surveys_page_by_keyboard(page, axe, published):
    page.goto("/surveys/")
    page.get_by_role("link", name="what we heard").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/surveys/heard/")
    axe(page)
    page.get_by_role("link", name="What stops you").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/surveys/heard/barriers/")
    assert "evening" in page.content()
    assert page.get_by_role("cell", name="withheld").count() >= 1
    axe(page)


def test_what_we_heard_works_without_javascript_at_320_px(nojs_page, axe, published):
    nojs_page.set_viewport_size({"width": 320, "height": 640})
    nojs_page.goto(published.get_absolute_url())
    assert nojs_page.locator("h1").inner_text() == "What we heard: What stops you"
    assert nojs_page.evaluate("document.documentElement.scrollWidth") <= 320
