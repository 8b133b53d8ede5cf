"""'Other, please specify': every "other" choice has its own box, labelled for that choice,
and its text stays with its choice in the answers, the results, written answers and the CSV."""

import re

from django.urls import reverse

from surveys.forms import PageForm
from surveys.models import Answer, Choice, Question
from surveys.selectors import survey_structure
from tests.surveys.helpers import release_now

ETHNIC = "What is your ethnic group?"


def ethnic_question(survey):
    return Question.objects.get(section__survey=survey, text=ETHNIC)


def test_each_other_choice_of_the_ethnic_question_has_its_own_labelled_box(member_survey):
    question = ethnic_question(member_survey)
    others = list(question.choices.filter(is_other=True))
    assert len(others) == 5
    labels = {choice.other_label for choice in others}
    assert "Describe your Black, Black British or Caribbean background" in labels
    assert "Describe your Asian background" in labels
    assert len(labels) == 5, "no two boxes share a label"


def test_the_page_shows_each_box_right_under_its_choice(client, member, member_survey):
    client.force_login(member)
    question = ethnic_question(member_survey)
    section = question.section.position + 1
    html = client.get(
        reverse("surveys:survey-page", args=[member_survey.slug, section])
    ).content.decode()
    for choice in question.choices.filter(is_other=True):
        option = f"id_{question.field_name}_"
        box = re.search(
            rf'<label for="({option}[\d_]+)" class="form-check-label">{re.escape(choice.text)}'
            rf'</label></div><div class="other-box ms-4" data-other-for="(\1)">'
            rf'<div id="div_id_{choice.other_field_name}" class="mb-3">'
            rf'<label for="id_{choice.other_field_name}" class="form-label">'
            rf"{re.escape(choice.other_label)}</label>",
            html,
        )
        assert box, f"no box under {choice.text}"


def _form(survey, data):
    question = ethnic_question(survey)
    structure = survey_structure(survey)
    questions = next(s.question_list for s in structure.sections if question in s.question_list)
    visible = {q.pk for q in structure.questions}
    return PageForm(data, questions=questions, visible=visible), question


def test_the_text_stays_with_the_choice_it_was_written_for(member_survey):
    question = ethnic_question(member_survey)
    black = question.choices.get(text="Any other Black, Black British or Caribbean background")
    asian = question.choices.get(text="Any other Asian background")
    form, _ = _form(
        member_survey,
        {
            question.field_name: str(black.pk),
            black.other_field_name: "Black British and Somali",
            asian.other_field_name: "typed, then changed my mind",
        },
    )
    assert form.is_valid(), form.errors
    (answer,) = [a for a in form.answers() if a.question == question]
    assert answer.texts == {black.pk: "Black British and Somali"}
    assert "Black British and Somali" in answer.display()


def test_a_chosen_other_without_text_asks_for_it_in_its_own_words(member_survey):
    question = ethnic_question(member_survey)
    question.required = True
    question.save()
    black = question.choices.get(text="Any other Black, Black British or Caribbean background")
    form, _ = _form(member_survey, {question.field_name: str(black.pk)})
    assert not form.is_valid()
    assert form.errors[black.other_field_name] == [
        "Describe your Black, Black British or Caribbean background"
    ]


def test_submitted_texts_reach_the_results_under_their_choice(member, member_survey):
    from surveys.forms import AnswerValue
    from surveys.services import response_submit

    question = ethnic_question(member_survey)
    black = question.choices.get(text="Any other Black, Black British or Caribbean background")
    answer = AnswerValue(question=question, choices=[black], texts={black.pk: "Somali"})
    response_submit(survey=member_survey, user=member, answers=[answer])
    release_now(member_survey)
    saved = Answer.objects.get(question=question)
    assert (saved.choice, saved.text) == (black, "Somali")


def test_old_drafts_keep_their_text_under_the_chosen_other_choice(member_survey, member):
    """The data migration moves `q<id>_other` to the box of the "other" choice chosen."""
    import importlib

    from django.apps import apps

    from surveys.models import Draft

    question = ethnic_question(member_survey)
    black = question.choices.get(text="Any other Black, Black British or Caribbean background")
    draft = Draft.objects.create(
        survey=member_survey,
        user=member,
        page=1,
        data={question.field_name: [str(black.pk)], f"q{question.pk}_other": ["Somali"]},
    )
    migration = importlib.import_module("surveys.migrations.0006_other_box_per_choice")
    migration.per_choice(apps, None)
    draft.refresh_from_db()
    assert draft.data[black.other_field_name] == ["Somali"]
    assert f"q{question.pk}_other" not in draft.data
    assert Choice.objects.filter(pk=black.pk).exists()
