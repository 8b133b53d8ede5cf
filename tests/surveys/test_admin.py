from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from surveys.models import Participation, Question, Response, SealedResponse, Survey
from surveys.sealing import seal
from tests.conftest import client_for
from tests.surveys.factories import (
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    choice_question,
)


@pytest.fixture
def manager_client(client, survey_manager):
    client.force_login(survey_manager)
    return client


def run_action(client, action, surveys, **extra):
    return client.post(
        reverse("admin:surveys_survey_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [s.pk for s in surveys], **extra},
        follow=True,
    )


def test_survey_managers_can_build_surveys_and_other_staff_cannot(cast, small_survey):
    urls = [
        reverse("admin:surveys_survey_changelist"),
        reverse("admin:surveys_survey_change", args=[small_survey.pk]),
        reverse("admin:surveys_question_changelist"),
        reverse("admin:surveys_section_changelist"),
    ]
    for role, user in cast.items():
        client = client_for(user)
        for url in urls:
            status = client.get(url).status_code
            if role in ("survey_manager", "superuser"):
                assert status == 200, (role, url)
            elif user is None or not user.is_staff:
                assert status == 302, (role, url)  # to the admin's log-in page
            else:
                assert status == 403, (role, url)


def test_publish_needs_questions(manager_client):
    empty = SurveyFactory(status="draft")
    ready = SurveyFactory(status="draft")
    QuestionFactory(section=SectionFactory(survey=ready))
    response = run_action(manager_client, "publish", [empty, ready])
    assert "has no questions yet" in response.content.decode()
    assert Survey.objects.get(pk=ready.pk).status == "published"
    assert Survey.objects.get(pk=empty.pk).status == "draft"


def test_close_ends_the_survey_now(manager_client, small_survey):
    run_action(manager_client, "close", [small_survey])
    small_survey.refresh_from_db()
    assert small_survey.status == "closed" and not small_survey.is_open()


def test_the_list_says_how_many_answers_wait_and_closing_releases_them(
    manager_client, small_survey, django_capture_on_commit_callbacks
):
    Response.objects.create(survey=small_survey, submitted_on=timezone.localdate())
    for _ in range(2):
        SealedResponse.objects.create(survey=small_survey, answers=seal([]))
    listing = manager_client.get(reverse("admin:surveys_survey_changelist")).content.decode()
    assert "1 (2 waiting for release)" in listing

    with django_capture_on_commit_callbacks(execute=True):
        run_action(manager_client, "close", [small_survey])

    assert Response.objects.filter(survey=small_survey).count() == 3
    assert not small_survey.waiting_count()


def test_duplicate_copies_pages_questions_choices_and_conditions(manager_client, small_survey):
    run_action(manager_client, "duplicate", [small_survey])
    copy = Survey.objects.get(slug="small-copy")
    assert copy.status == "draft"
    follow = Question.objects.get(section__survey=copy, text="Why red?")
    assert follow.show_if_question.section.survey == copy
    assert [c.text for c in follow.show_if_choices.all()] == ["Red"]
    assert follow.show_if_choices.get().question == follow.show_if_question
    assert Question.objects.filter(section__survey=copy).count() == 3


def test_responses_of_a_closed_survey_are_deleted_and_participation_remains(
    manager_client, member, small_survey
):
    Response.objects.create(survey=small_survey, submitted_on=timezone.localdate())
    Participation.objects.create(
        survey=small_survey, user=member, took_part_on=timezone.localdate()
    )
    response = run_action(manager_client, "delete_responses", [small_survey])
    assert "still open" in response.content.decode()
    assert Response.objects.count() == 1
    small_survey.closes_at = timezone.now() - timedelta(minutes=1)
    small_survey.save()
    response = run_action(manager_client, "delete_responses", [small_survey])
    assert "Deleted 1 response" in response.content.decode()
    assert not Response.objects.exists()
    assert Participation.objects.filter(user=member).exists()


def test_a_condition_must_point_to_an_earlier_choice_question(manager_client, small_survey):
    later = choice_question(small_survey.sections.get(position=1), "Later?", ["A", "B"])
    first = Question.objects.get(text="Favourite colour?")
    url = reverse("admin:surveys_question_change", args=[first.pk])
    data = {
        "section": first.section_id,
        "position": 0,
        "text": first.text,
        "kind": "single",
        "required": "on",
        "show_if_question": later.pk,
        "choices-TOTAL_FORMS": 0,
        "choices-INITIAL_FORMS": 0,
    }
    response = manager_client.post(url, data)
    content = response.content.decode()
    assert "Choose an earlier question of this survey." in content
    assert "Choose the answers that show this question." in content
    assert Question.objects.get(pk=first.pk).show_if_question is None


def test_a_new_yes_no_question_gets_its_two_choices(manager_client, small_survey):
    section = small_survey.sections.get(position=1)
    response = manager_client.post(
        reverse("admin:surveys_question_add"),
        {
            "section": section.pk,
            "position": 3,
            "text": "Coming back?",
            "kind": "yes_no",
            "choices-TOTAL_FORMS": 0,
            "choices-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(text="Coming back?")
    assert [c.text for c in question.choices.all()] == ["Yes", "No"]


def test_preview_and_results_are_linked_from_the_survey(manager_client, small_survey):
    content = manager_client.get(
        reverse("admin:surveys_survey_change", args=[small_survey.pk])
    ).content.decode()
    assert reverse("surveys:survey-preview", args=[small_survey.slug, 1]) in content
    assert reverse("surveys:survey-results", args=[small_survey.slug]) in content
