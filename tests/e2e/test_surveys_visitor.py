"""Someone without an account answers an "anyone with the link" survey, without JavaScript."""

import pytest
from django.utils import timezone

from surveys.models import Participation, Question, Response, Survey
from tests.surveys.factories import SectionFactory, SurveyFactory, choice_question
from tests.surveys.helpers import release_now

pytestmark = pytest.mark.browser


def _answer_as_visitor(page, survey, text, check=lambda page: None):
    page.goto(f"/surveys/link/{survey.token}/")
    content = page.content()
    assert "without signing in" in content and "only for members" in content
    check(page)
    page.get_by_role("link", name="Start the survey").click()

    assert "Page 1 of 2" in page.content()
    assert page.get_by_role("button", name="Save and come back later").count() == 0
    page.get_by_role("button", name="Continue").click()
    assert page.locator(".error-summary").is_visible()
    check(page)
    page.get_by_label("A friend").check()
    page.get_by_role("button", name="Continue").click()

    assert "Page 2 of 2" in page.content()
    page.get_by_label("Tell us more").fill(text)
    page.get_by_role("button", name="Check your answers").click()

    assert text in page.content()
    check(page)
    page.get_by_role("button", name="Send my answers").click()
    assert "Thank you for taking part" in page.content()
    check(page)


def test_visitor_answers_a_link_survey_without_javascript(nojs_page, page, axe):
    survey = SurveyFactory(
        title="Open evening", audience=Survey.Audience.LINK, opens_at=timezone.now()
    )
    first = SectionFactory(survey=survey, title="Your visit", position=0)
    choice_question(first, "How did you hear about it?", ["Poster", "A friend"], required=True)
    second = SectionFactory(survey=survey, title="Anything else", position=1)
    Question.objects.create(section=second, text="Tell us more", kind=Question.Kind.LONG_TEXT)

    # The whole flow without JavaScript; axe (which needs it) runs on the same pages in a
    # second browser.
    _answer_as_visitor(nojs_page, survey, "The tea was good.")
    _answer_as_visitor(page, survey, "Lovely evening.", check=axe)

    assert survey.waiting_count() == 2
    release_now(survey)
    responses = Response.objects.filter(survey=survey)
    assert responses.count() == 2
    assert not responses.filter(user__isnull=False).exists()
    assert responses.filter(answers__text="The tea was good.").exists()
    assert not Participation.objects.exists()
