"""A published survey is read once per change of any survey (surveys.selectors.published_survey)
and yet every edit shows at once, and no request can change what the next one gets."""

import pytest
from django.urls import reverse

from surveys.models import Survey
from surveys.selectors import published_survey
from tests.surveys.factories import QuestionFactory, SectionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = SurveyFactory(slug="kept")
    QuestionFactory(section=SectionFactory(survey=survey), text="Why?")
    return survey


def test_the_survey_is_read_once_until_any_survey_changes(survey, django_assert_num_queries):
    published_survey("kept")
    with django_assert_num_queries(0):
        assert published_survey("kept").pk == survey.pk
    SurveyFactory(slug="another")  # any survey saved: read afresh
    with django_assert_num_queries(1):
        published_survey("kept")


def test_each_caller_gets_its_own_copy(survey):
    published_survey("kept").title = "Changed by one request"
    assert published_survey("kept").title == survey.title


def test_closing_or_unpublishing_shows_at_once(client, member, survey):
    client.force_login(member)
    url = reverse("surveys:survey-page", args=["kept", 1])
    assert client.get(url).status_code == 200
    survey.status = Survey.Status.CLOSED
    survey.save()
    assert client.get(url).status_code == 302  # "This survey is not open for answers."
    survey.status = Survey.Status.DRAFT
    survey.save()
    assert client.get(url).status_code == 404
