from django.urls import reverse

from surveys.models import Answer, Question
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
    assert "60 written answers" in first
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
