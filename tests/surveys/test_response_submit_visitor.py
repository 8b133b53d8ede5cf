import pytest

from collective.lib.nonces import new_nonce
from surveys.forms import AnswerValue
from surveys.models import Response, Survey
from surveys.services import AlreadyReceived, SurveyNotOpen, response_submit_visitor
from surveys.submissions import submission_key
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.surveys.helpers import release_now


def _answers(survey):
    question = survey.sections.get(position=1).questions.get()
    return [AnswerValue(question=question, text="from a visitor")]


def test_an_identified_survey_refuses_answers_without_an_account(small_survey):
    small_survey.audience = Survey.Audience.LINK
    small_survey.mode = Survey.Mode.IDENTIFIED
    small_survey.save()
    with pytest.raises(SurveyNotOpen):
        response_submit_visitor(
            survey=small_survey, answers=_answers(small_survey), submission_key="k" * 64
        )
    assert Response.objects.count() == 0


def test_a_members_survey_refuses_answers_without_an_account(small_survey):
    with pytest.raises(SurveyNotOpen):
        response_submit_visitor(
            survey=small_survey, answers=_answers(small_survey), submission_key="k" * 64
        )


def test_a_draft_callback_runs_in_the_submits_transaction(small_survey):
    small_survey.audience = Survey.Audience.LINK
    small_survey.save()
    calls = []
    response_submit_visitor(
        survey=small_survey,
        answers=_answers(small_survey),
        submission_key=submission_key(new_nonce()),
        after=lambda: calls.append(small_survey.waiting_count()),
    )
    assert calls == [1]


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_saves_one_response(small_survey):
    require_postgres()
    small_survey.audience = Survey.Audience.LINK
    small_survey.save()
    key = submission_key(new_nonce())
    answers = _answers(small_survey)

    def submit():
        try:
            response_submit_visitor(survey=small_survey, answers=answers, submission_key=key)
        except AlreadyReceived:
            return "already"
        return "saved"

    assert sorted(run_together(submit, submit)) == ["already", "saved"]
    assert small_survey.waiting_count() == 1
    release_now(small_survey)
    assert Response.objects.filter(survey=small_survey).count() == 1
    # Sent once more after the release: still recognised, still saved once.
    with pytest.raises(AlreadyReceived):
        response_submit_visitor(survey=small_survey, answers=answers, submission_key=key)
    assert not small_survey.waiting_count()
