from django.urls import reverse

from surveys.models import Answer, Question
from surveys.results import results_refresh
from tests.surveys.factories import SectionFactory, SurveyFactory, add_responses, choice_question


def test_written_answers_are_listed_page_by_page(client, survey_manager):
    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    anchor = choice_question(section, "Anchor?", ["A"], position=0)
    add_responses(survey, anchor, {"A": 60})
    said = Question.objects.create(section=section, text="Say?", kind=Question.Kind.LONG_TEXT)
    Answer.objects.bulk_create(
        Answer(response=a.response, question=said, text=f"view {n}")
        for n, a in enumerate(Answer.objects.filter(question=anchor))
    )
    client.force_login(survey_manager)
    url = reverse("surveys:results-text", args=[survey.slug, said.pk])
    first = client.get(url).content.decode()
    assert first.count("<li>view ") == 50
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count("<li>view ") == 10


def test_please_specify_text_of_a_small_choice_is_not_listed(client, survey_manager):
    survey = SurveyFactory()
    question = choice_question(SectionFactory(survey=survey), "Heard?", ["Friend", "Other"])
    question.choices.filter(text="Other").update(is_other=True)
    add_responses(survey, question, {"Friend": 20, "Other": 2})
    Answer.objects.filter(choice__text="Other").update(text="my tiny village newsletter")
    client.force_login(survey_manager)
    results = client.get(reverse("surveys:survey-results", args=[survey.slug])).content.decode()
    assert "Read the written answers" not in results
    text_page = client.get(reverse("surveys:results-text", args=[survey.slug, question.pk]))
    assert "my tiny village newsletter" not in text_page.content.decode()


def test_please_specify_text_is_listed_with_its_choice_when_enough_people_wrote(
    client, survey_manager
):
    survey = SurveyFactory()
    question = choice_question(SectionFactory(survey=survey), "Heard?", ["Friend", "Other"])
    question.choices.filter(text="Other").update(is_other=True)
    add_responses(survey, question, {"Friend": 20, "Other": 7})
    Answer.objects.filter(choice__text="Other").update(text="the library noticeboard")
    client.force_login(survey_manager)
    url = reverse("surveys:results-text", args=[survey.slug, question.pk])
    content = client.get(url).content.decode()
    assert content.count('<span class="fw-bold">Other:</span> the library noticeboard') == 7


def test_written_answers_page_runs_a_fixed_number_of_queries_at_two_sizes(
    client, survey_manager, django_assert_max_num_queries
):
    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    anchor = choice_question(section, "Anchor?", ["A"], position=0)
    said = Question.objects.create(section=section, text="Say?", kind=Question.Kind.LONG_TEXT)
    client.force_login(survey_manager)
    url = reverse("surveys:results-text", args=[survey.slug, said.pk])
    for size in (6, 120):
        add_responses(survey, anchor, {"A": size})
        Answer.objects.bulk_create(
            Answer(response=a.response, question=said, text="a view")
            for a in Answer.objects.filter(question=anchor).exclude(
                response__answers__question=said
            )
        )
        results_refresh(survey=survey)
        with django_assert_max_num_queries(14):
            content = client.get(url).content.decode()
        assert content.count("<li>a view") == min(Answer.objects.filter(question=said).count(), 50)
