import logging

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from surveys.forms import AnswerValue
from surveys.models import Answer, Participation, Response
from surveys.services import AlreadyTakenPart, response_submit
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.surveys.helpers import fill_small_survey, release_now


def _row_values(model, row):
    values = []
    for f in model._meta.concrete_fields:
        value = getattr(row, f.attname)
        values.append(value)
        if isinstance(value, (dict, list)):
            values.append(str(value))
    return values


def test_nothing_in_the_database_or_the_logs_links_a_member_to_an_anonymous_response(
    client, member, small_survey, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    client.force_login(member)
    fill_small_survey(client, small_survey)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:survey-review", args=[small_survey.slug]))
    release_now(small_survey)
    response = Response.objects.get()
    answer_ids = set(Answer.objects.values_list("id", flat=True))
    assert answer_ids
    response_marks = {response.pk, str(response.pk), *answer_ids, *map(str, answer_ids)}

    for model in apps.get_models():
        for row in model.objects.all():
            values = _row_values(model, row)
            text = " ".join(map(str, values))
            names_response = any(mark in values or str(mark) in text for mark in response_marks)
            if not names_response:
                continue
            # Only the response and its answers mention the response, and they name nobody.
            assert model in (Response, Answer), f"{model.__name__} mentions the response"
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model is type(member):
                    assert getattr(row, f.attname) is None, f"{model.__name__} names the member"
            assert member.email not in text
            for f in model._meta.concrete_fields:
                assert not isinstance(f, models.DateTimeField), (
                    f"{model.__name__}.{f.name} has a time"
                )
    assert Response._meta.get_field("id").default.__name__ == "uuid4"
    assert Participation._meta.get_field("id").default.__name__ == "uuid4"
    assert response.user_id is None
    assert isinstance(Participation._meta.get_field("took_part_on"), models.DateField)
    assert not isinstance(Participation._meta.get_field("took_part_on"), models.DateTimeField)
    for record in caplog.records:
        message = record.getMessage()
        assert not any(str(mark) in message for mark in response_marks), message
        assert member.email not in message, message


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_make_one_response_and_refuse_the_other(small_survey, member):
    require_postgres()
    question = small_survey.sections.get(position=1).questions.get()
    answers = [AnswerValue(question=question, text="at once")]

    def submit():
        try:
            response_submit(survey=small_survey, user=member, answers=answers)
        except AlreadyTakenPart:
            return "refused"
        return "saved"

    outcomes = run_together(submit, submit)
    assert sorted(outcomes) == ["refused", "saved"]
    assert small_survey.waiting_count() == 1
    release_now(small_survey)
    assert Response.objects.filter(survey=small_survey).count() == 1
    assert Participation.objects.filter(survey=small_survey, user=member).count() == 1
