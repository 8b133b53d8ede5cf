"""The survey builder: one page of pages and questions, show-if rules in words, up and down
buttons that work without JavaScript, and every change in the admin log."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from surveys.models import Question, Section
from tests.conftest import client_for
from tests.surveys.factories import QuestionFactory, SectionFactory, SurveyFactory


def _builder(survey):
    return reverse("admin:surveys_survey_builder", args=[survey.pk])


def _move(survey):
    return reverse("admin:surveys_survey_builder_move", args=[survey.pk])


def _order(survey):
    return list(
        Question.objects.filter(section__survey=survey)
        .order_by("section__position", "position", "id")
        .values_list("text", flat=True)
    )


@pytest.fixture
def manager(client, survey_manager):
    client.force_login(survey_manager)
    return client


def test_the_builder_shows_pages_questions_and_rules_in_words(manager, small_survey):
    page = manager.get(_builder(small_survey)).content.decode()
    assert "Page 1: First page" in page and "Page 2: Second page" in page
    assert "<strong>Question 2.</strong> Why red?" in page
    assert "Shown when question 1 is “Red”." in page
    assert reverse("surveys:survey-preview", args=["small", 2]) in page


def test_a_rule_on_a_multiple_choice_question_says_includes(manager, small_survey):
    colour = Question.objects.get(text="Favourite colour?")
    Question.objects.filter(pk=colour.pk).update(kind=Question.Kind.MULTIPLE)
    follow = Question.objects.get(text="Why red?")
    follow.show_if_choices.set(colour.choices.filter(text__in=["Red", "Blue"]))
    page = manager.get(_builder(small_survey)).content.decode()
    assert "Shown when the answer to question 1 includes “Red” or “Blue”." in page


def test_down_moves_a_question_and_logs_it(manager, survey_manager, small_survey):
    second = Section.objects.get(title="Second page")
    QuestionFactory(section=second, text="Last one?", position=9)
    anything = Question.objects.get(text="Anything else?")
    response = manager.post(_move(small_survey), {"move": f"question-{anything.pk}-down"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{anything.pk}")
    assert _order(small_survey)[-2:] == ["Last one?", "Anything else?"]
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id) == (survey_manager, str(small_survey.pk))
    assert entry.change_message == "Moved question “Anything else?” down."


def test_up_from_the_top_of_a_page_goes_to_the_end_of_the_page_before(manager, small_survey):
    anything = Question.objects.get(text="Anything else?")
    manager.post(_move(small_survey), {"move": f"question-{anything.pk}-up"})
    assert Question.objects.get(pk=anything.pk).section.title == "First page"
    assert _order(small_survey) == ["Favourite colour?", "Why red?", "Anything else?"]


def test_a_question_cannot_move_above_the_question_it_depends_on(manager, small_survey):
    follow = Question.objects.get(text="Why red?")
    response = manager.post(_move(small_survey), {"move": f"question-{follow.pk}-up"}, follow=True)
    assert "has to come after it" in response.content.decode()
    assert _order(small_survey)[:2] == ["Favourite colour?", "Why red?"]
    assert not LogEntry.objects.exists()


def test_pages_move_with_their_questions(manager, small_survey):
    second = Section.objects.get(title="Second page")
    manager.post(_move(small_survey), {"move": f"page-{second.pk}-up"})
    assert _order(small_survey) == ["Anything else?", "Favourite colour?", "Why red?"]


def test_a_page_cannot_move_above_the_page_its_rules_depend_on(manager, small_survey):
    second = Section.objects.get(title="Second page")
    colour = Question.objects.get(text="Favourite colour?")
    Question.objects.filter(text="Anything else?").update(show_if_question=colour)
    response = manager.post(_move(small_survey), {"move": f"page-{second.pk}-up"}, follow=True)
    assert "has to come after it" in response.content.decode()
    assert _order(small_survey)[0] == "Favourite colour?"


def test_a_page_is_added_at_the_end_and_a_title_is_needed(manager, small_survey):
    url = reverse("admin:surveys_survey_builder_page_add", args=[small_survey.pk])
    response = manager.post(url, {"title": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    manager.post(url, {"title": "Equality monitoring"})
    assert list(small_survey.sections.values_list("title", flat=True)) == [
        "First page",
        "Second page",
        "Equality monitoring",
    ]
    assert LogEntry.objects.get().change_message == "Added page “Equality monitoring”."


def test_a_question_added_from_the_builder_goes_last_and_returns_there(manager, small_survey):
    first = Section.objects.get(title="First page")
    form = manager.get(reverse("admin:surveys_question_add") + f"?section={first.pk}")
    assert f'<a href="{_builder(small_survey)}">Back to pages and questions</a>' in (
        form.content.decode()
    )
    response = manager.post(
        reverse("admin:surveys_question_add") + f"?section={first.pk}",
        {
            "section": first.pk,
            "text": "How often do you come?",
            "kind": "short_text",
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
        },
    )
    added = Question.objects.get(text="How often do you come?")
    assert response["Location"] == _builder(small_survey) + f"#question-{added.pk}"
    assert _order(small_survey)[:3] == ["Favourite colour?", "Why red?", "How often do you come?"]


@pytest.mark.parametrize("move", ["", "question-x-up", "question-1-sideways", "page-99999-up"])
def test_nonsense_moves_are_refused_without_a_server_error(manager, small_survey, move):
    assert manager.post(_move(small_survey), {"move": move}).status_code == 404


def test_a_question_of_another_survey_cannot_be_moved_from_here(manager, small_survey):
    other = QuestionFactory(section=SectionFactory(survey=SurveyFactory()))
    response = manager.post(_move(small_survey), {"move": f"question-{other.pk}-up"})
    assert response.status_code == 404


def test_only_survey_managers_use_the_builder(cast, small_survey):
    for role, user in cast.items():
        client = client_for(user)
        status = client.get(_builder(small_survey)).status_code
        moved = client.post(_move(small_survey), {"move": "page-1-up"}).status_code
        if role in ("survey_manager", "superuser"):
            assert status == 200, role
        elif user is None or not user.is_staff:
            assert (status, moved) == (302, 302), role
        else:
            assert (status, moved) == (403, 403), role


def test_the_builder_runs_a_fixed_number_of_queries(
    manager, small_survey, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14) as small:
        manager.get(_builder(small_survey))
    for n in range(10):
        section = SectionFactory(survey=small_survey, position=10 + n)
        QuestionFactory.create_batch(3, section=section)
    with django_assert_max_num_queries(len(small.captured_queries)):
        manager.get(_builder(small_survey))


def test_a_question_added_outside_a_survey_lists_no_other_surveys_answers(manager, small_survey):
    page = manager.get(reverse("admin:surveys_question_add")).content.decode()
    assert 'name="show_if_choices"' not in page  # no answers of every survey as checkboxes
    assert "add it from its survey’s" in page


def test_a_new_question_can_be_given_a_condition_at_once(manager, small_survey):
    first = Section.objects.get(title="First page")
    colour = Question.objects.get(text="Favourite colour?")
    blue = colour.choices.get(text="Blue")
    manager.post(
        reverse("admin:surveys_question_add") + f"?section={first.pk}",
        {
            "section": first.pk,
            "text": "Why blue?",
            "kind": "short_text",
            "show_if_question": colour.pk,
            "show_if_choices": [blue.pk],
            "choices-TOTAL_FORMS": "0",
            "choices-INITIAL_FORMS": "0",
        },
    )
    assert list(Question.objects.get(text="Why blue?").show_if_choices.all()) == [blue]
