from surveys.models import Question
from surveys.selectors import survey_structure, visible_question_ids
from tests.surveys.factories import SectionFactory, SurveyFactory, choice_question


def test_a_condition_on_an_earlier_page_and_a_chain_of_conditions(db):
    survey = SurveyFactory()
    first = SectionFactory(survey=survey, position=0)
    second = SectionFactory(survey=survey, position=1)
    ask = choice_question(first, "Any barriers?", ["Yes", "No"], kind="yes_no", position=0)
    kind = choice_question(second, "Which?", ["Cost", "Time"], position=0)
    kind.show_if_question = ask
    kind.save()
    kind.show_if_choices.set(ask.choices.filter(text="Yes"))
    cost = Question.objects.create(section=second, text="How much?", kind="number", position=1)
    cost.show_if_question = kind
    cost.save()
    cost.show_if_choices.set(kind.choices.filter(text="Cost"))
    structure = survey_structure(survey)
    yes, no = (str(ask.choices.get(text=t).pk) for t in ("Yes", "No"))
    cost_choice = str(kind.choices.get(text="Cost").pk)

    assert visible_question_ids(structure, {}) == {ask.pk}
    assert visible_question_ids(structure, {ask.field_name: [yes]}) == {ask.pk, kind.pk}
    both = {ask.field_name: [yes], kind.field_name: [cost_choice]}
    assert visible_question_ids(structure, both) == {ask.pk, kind.pk, cost.pk}
    # Answering "No" hides the whole chain, even with a stale answer further down.
    stale = {ask.field_name: [no], kind.field_name: [cost_choice]}
    assert visible_question_ids(structure, stale) == {ask.pk}


def test_a_kept_structure_knows_what_applies_before_anything_is_answered(db):
    from surveys.selectors import cached_survey_structure

    survey = SurveyFactory()
    section = SectionFactory(survey=survey, position=0)
    ask = choice_question(section, "Any barriers?", ["Yes", "No"], kind="yes_no", position=0)
    later = Question.objects.create(section=section, text="Which?", kind="short_text", position=1)
    structure = cached_survey_structure(survey)
    assert structure.blank_visible == {ask.pk, later.pk}
    blank = visible_question_ids(structure, {})
    blank.discard(later.pk)  # a caller's own set: the kept one is unchanged
    assert visible_question_ids(structure, {}) == {ask.pk, later.pk}

    later.show_if_question = ask  # staff add a condition: a new version, worked out again
    later.save()
    later.show_if_choices.set(ask.choices.filter(text="Yes"))
    assert visible_question_ids(cached_survey_structure(survey), {}) == {ask.pk}
