import pytest
from django.core.cache import cache
from django.urls import reverse

from surveys.models import Question, Survey
from surveys.results import results_refresh
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


def test_small_count_and_a_second_count_are_withheld_with_one_label(
    client, survey_manager, survey_with_results
):
    survey, _ = survey_with_results
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert ">fewer than 5<" not in content and ">not shown<" not in content
    # The 3, and "Event" (9) which would give it away (32 - 20 - 9), share one label.
    assert content.count('<td class="text-end">withheld</td>') == 2
    assert ">3<" not in content and ">9<" not in content
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
    assert ">How did you hear?: number of people per answer</caption>" in content
    assert "62%" in content  # 20 of 32, shown beside its count


def test_fewer_responses_than_the_threshold_show_no_results(client, survey_manager):
    survey = SurveyFactory()
    question = choice_question(SectionFactory(survey=survey), "Q?", ["A", "B"])
    add_responses(survey, question, {"A": 2, "B": 2})
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert "Results are shown once at least 5 responses have been released" in content
    assert "Q?" not in content


def test_results_page_runs_the_same_number_of_queries_at_two_sizes(
    client, survey_manager, django_assert_max_num_queries
):
    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    single = choice_question(section, "One?", ["A", "B", "C"])
    choice_question(section, "Many?", ["X", "Y"], kind=Question.Kind.MULTIPLE)
    Question.objects.create(section=section, text="Say?", kind=Question.Kind.LONG_TEXT)
    Question.objects.create(section=section, text="Rate?", kind=Question.Kind.RATING)
    client.force_login(survey_manager)
    for size in (1, 10):
        add_responses(survey, single, {"A": 6 * size, "B": 7 * size, "C": 8 * size})
        results_refresh(survey=survey)
        with django_assert_max_num_queries(12):
            response = client.get(results_url(survey))
        assert f"{sum(n * size for n in (6, 7, 8)) + (21 if size == 10 else 0)} responses" in (
            response.content.decode()
        )


def test_stale_results_are_shown_with_a_sentence_and_a_refresh_is_queued_once(
    client, survey_manager, survey_with_results, monkeypatch
):
    from surveys import tasks

    survey, question = survey_with_results
    client.force_login(survey_manager)
    client.get(results_url(survey))  # computes the results (Celery is eager in tests)
    queued = []
    monkeypatch.setattr(tasks.results_refresh, "delay", queued.append)
    add_responses(survey, question, {"Web": 5})
    cache.clear()  # the released count is cached for 30 seconds: they have passed
    first = client.get(results_url(survey)).content.decode()
    second = client.get(results_url(survey)).content.decode()
    assert "Newer responses are being counted" in first and "32 responses" in first
    assert "Newer responses are being counted" in second
    assert queued == [survey.pk]  # the second visit did not queue another


def test_no_results_yet_says_they_are_being_prepared(
    client, survey_manager, survey_with_results, monkeypatch
):
    from surveys import tasks

    survey, _ = survey_with_results
    monkeypatch.setattr(tasks.results_refresh, "delay", lambda survey_id: None)
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert "The results are being prepared" in content


def test_results_say_they_cover_the_responses_released_so_far(
    client, survey_manager, survey_with_results
):
    survey, _ = survey_with_results
    client.force_login(survey_manager)
    content = client.get(results_url(survey)).content.decode()
    assert "These results cover the responses released so far" in content


def test_results_index_lists_every_survey_in_a_fixed_number_of_queries(
    client, survey_manager, django_assert_max_num_queries
):
    client.force_login(survey_manager)
    for count in (2, 30):
        while Survey.objects.count() < count:
            survey = SurveyFactory()
            add_responses(
                survey, choice_question(SectionFactory(survey=survey), "Q?", ["A"]), {"A": 6}
            )
            results_refresh(survey=survey)
        with django_assert_max_num_queries(8):
            response = client.get(reverse("surveys:results-index"))
        assert response.content.decode().count(">6</td>") == min(count, 30)


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
    assert "Rate?" in content and ">withheld<" in content  # the 2 people who chose 2
    assert ">7<" in content and "3 – Great" in content
    assert "Average: 20.7" in content  # (60 + 40 + 210) / 15
    # The rating's average would help to work out the withheld 2: it is not shown.
    assert "Average: 2.1" not in content
