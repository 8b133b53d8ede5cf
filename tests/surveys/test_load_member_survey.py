from django.core.management import call_command

from surveys.member_survey import ETHNIC_GROUPS
from surveys.models import Question, Survey


def test_member_survey_is_created_once_and_staff_edits_are_kept(db):
    call_command("load_member_survey", "--publish")
    survey = Survey.objects.get(slug="member-survey")
    assert survey.is_anonymous and survey.threshold == 5 and survey.is_open()
    survey.title = "Edited by staff"
    survey.save()
    call_command("load_member_survey")
    assert Survey.objects.get().title == "Edited by staff"


def test_member_survey_asks_the_seed_questions(member_survey):
    texts = " ".join(Question.objects.values_list("text", flat=True))
    for words in [
        "How did you find out about the Collective",
        "Why did you join",
        "What do you get out of being part of the Collective",
        "anyone you know, being more active",
        "What is your ethnic group",
    ]:
        assert words in texts


def test_ethnic_group_uses_the_19_census_categories_under_5_headings(member_survey):
    question = Question.objects.get(text="What is your ethnic group?")
    choices = list(question.choices.all())
    grouped = [c for c in choices if c.group]
    assert len(grouped) == 19
    assert len({c.group for c in grouped}) == 5 == len(ETHNIC_GROUPS)
    assert all(c.is_other for c in grouped if c.text.startswith("Any other"))
    assert sum(c.text.startswith("Any other") for c in grouped) == 5
    assert choices[-1].text == "Prefer not to say" and choices[-1].is_prefer_not_to_say
    assert not question.required


def test_the_barriers_follow_up_only_shows_after_yes(member_survey):
    follow = Question.objects.get(text="What gets in the way?")
    assert follow.show_if_question.kind == "yes_no"
    assert [c.text for c in follow.show_if_choices.all()] == ["Yes"]
