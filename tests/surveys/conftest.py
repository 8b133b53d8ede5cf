import pytest
from django.utils import timezone

from surveys.member_survey import load_member_survey
from surveys.models import Question, Survey
from tests.surveys.factories import SectionFactory, SurveyFactory, choice_question


@pytest.fixture
def member_survey(db):
    survey, _ = load_member_survey(publish=True)
    return survey


@pytest.fixture
def small_survey(db):
    """Two pages: a required choice question with a conditional follow-up, then free text."""
    survey = SurveyFactory(title="Small survey", slug="small", opens_at=timezone.now())
    first = SectionFactory(survey=survey, title="First page", position=0)
    colour = choice_question(
        first, "Favourite colour?", ["Red", "Blue", "Other"], required=True, position=0
    )
    colour.choices.filter(text="Other").update(is_other=True)
    follow = Question.objects.create(
        section=first, text="Why red?", kind=Question.Kind.SHORT_TEXT, position=5, required=True
    )
    follow.show_if_question = colour
    follow.save()
    follow.show_if_choices.set(colour.choices.filter(text="Red"))
    second = SectionFactory(survey=survey, title="Second page", position=1)
    Question.objects.create(section=second, text="Anything else?", kind=Question.Kind.LONG_TEXT)
    return Survey.objects.get(pk=survey.pk)
