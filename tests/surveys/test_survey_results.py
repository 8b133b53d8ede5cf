import pytest
from django.urls import reverse

from surveys.models import Question
from tests.surveys.factories import (
    SectionFactory,
    SurveyFactory,
    add_responses,
    choice_question,
)


@pytest.fixture
def survey_with_results(db):
    survey = SurveyFactory(title="Results survey", slug="results-survey")
    section = SectionFactory(survey=survey)
    question = choice_question(section, "How did you hear?", ["Friend", "Web", "Event"])
    add_responses(survey, question, {"Friend": 3, "Web": 20, "Event": 9})
    return survey, question


def results_url(survey):
    return reverse("surveys:survey-results", args=[survey.slug])


def test_only_survey_managers_reach_results_and_export(check_access, survey_with_results):
    survey, question = survey_with_results
    urls = [
        results_url(survey),
        reverse("surveys:results-export", args=[survey.slug]),
        reverse("surveys:results-breakdown", args=[survey.slug]),
        reverse("surveys:results-text", args=[survey.slug, question.pk]),
        reverse("surveys:results-index"),
    ]
    check_access(urls, allowed={"survey_manager", "superuser"})


def test_small_count_shows_as_fewer_than_and_a_second_count_is_hidden(
    client, survey_manager, survey_with_results
):
    survey, _ = survey_with_results
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert "fewer than 5" in content
    assert ">3<" not in content
    assert "not shown" in content  # "Event" (9) would give the 3 away: 32 - 20 - 9
    assert ">20<" in content
    assert "32 responses" in content


def test_chart_is_an_image_with_a_name_and_the_same_numbers_are_in_a_table(
    client, survey_manager, survey_with_results
):
    survey, question = survey_with_results
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert f'role="img" aria-labelledby="chart-title-{question.pk}"' in content
    assert f'<title id="chart-title-{question.pk}">' in content
    assert "<caption>How did you hear?: number of people per answer</caption>" in content
    assert "62%" in content  # 20 of 32, shown beside its count


def test_fewer_responses_than_the_threshold_show_no_results(client, survey_manager):
    survey = SurveyFactory()
    question = choice_question(SectionFactory(survey=survey), "Q?", ["A", "B"])
    add_responses(survey, question, {"A": 2, "B": 2})
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert "fewer than 5 responses so far" in content
    assert "Q?" not in content


def test_results_page_runs_the_same_number_of_queries_at_two_sizes(
    client, survey_manager, django_assert_num_queries
):
    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    single = choice_question(section, "One?", ["A", "B", "C"])
    choice_question(section, "Many?", ["X", "Y"], kind=Question.Kind.MULTIPLE)
    Question.objects.create(section=section, text="Say?", kind=Question.Kind.LONG_TEXT)
    Question.objects.create(section=section, text="Rate?", kind=Question.Kind.RATING)
    client.force_login(survey_manager)
    add_responses(survey, single, {"A": 6, "B": 7, "C": 8})
    client.get(results_url(survey))  # warm up sessions and permissions caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(results_url(survey))
    add_responses(survey, single, {"A": 60, "B": 70, "C": 80})
    with django_assert_num_queries(len(small)):
        response = client.get(results_url(survey))
    assert "231 responses" in response.content.decode()


def test_rating_counts_each_point_and_number_shows_an_average(client, survey_manager):
    from django.utils import timezone

    from surveys.models import Answer, Response

    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    rating = Question.objects.create(
        section=section,
        text="Rate?",
        kind="rating",
        min_value=1,
        max_value=3,
        position=0,
        min_label="Poor",
        max_label="Great",
    )
    age = Question.objects.create(section=section, text="Years?", kind="number", position=1)
    for value in [1] * 6 + [2] * 2 + [3] * 7:
        response = Response.objects.create(survey=survey, submitted_on=timezone.localdate())
        Answer.objects.create(response=response, question=rating, number=value)
        Answer.objects.create(response=response, question=age, number=value * 10)
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert "Rate?" in content and "fewer than 5" in content  # the 2 people who chose 2
    assert ">7<" in content and "3 – Great" in content
    assert "Average: 20.7" in content  # (60 + 40 + 210) / 15
