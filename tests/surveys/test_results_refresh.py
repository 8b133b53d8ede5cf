"""Results are computed in the background once per change of the responses, and stored."""

from surveys import tasks
from surveys.models import ResultsSnapshot
from surveys.results import results_refresh_enqueue
from tests.surveys.factories import SectionFactory, SurveyFactory, add_responses, choice_question


def survey_with(counts):
    survey = SurveyFactory()
    question = choice_question(SectionFactory(survey=survey), "Q?", list(counts))
    add_responses(survey, question, counts)
    return survey, question


def test_the_task_stores_the_protected_results_with_the_response_count(db):
    survey, _ = survey_with({"A": 6, "B": 2})
    tasks.results_refresh(survey.pk)
    snapshot = ResultsSnapshot.objects.get(survey=survey)
    assert snapshot.response_count == 8
    rows = snapshot.data["questions"][0]["rows"]
    assert [row["count"] for row in rows] == [None, None]  # 2, and the 6 that gives it away
    assert snapshot.data["questions"][0]["answered"] == 8


def test_the_beat_job_refreshes_only_surveys_whose_results_miss_responses(db, monkeypatch):
    fresh, _ = survey_with({"A": 6})
    stale, question = survey_with({"A": 6})
    never, _ = survey_with({"A": 7})
    SurveyFactory()  # no responses: nothing to compute
    tasks.results_refresh(fresh.pk)
    tasks.results_refresh(stale.pk)
    add_responses(stale, question, {"A": 1})
    queued = []
    monkeypatch.setattr(tasks.results_refresh, "delay", queued.append)
    tasks.results_refresh_stale()
    assert sorted(queued) == sorted([stale.pk, never.pk])
    tasks.results_refresh_stale()  # still queued: not queued twice
    assert len(queued) == 2


def test_a_broker_that_is_down_queues_nothing_and_breaks_nothing(db, monkeypatch):
    survey, _ = survey_with({"A": 6})

    def down(survey_id):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(tasks.results_refresh, "delay", down)
    assert results_refresh_enqueue(survey) is False
    monkeypatch.setattr(tasks.results_refresh, "delay", lambda survey_id: None)
    assert results_refresh_enqueue(survey) is True  # the lock was released for the next try


def test_editing_a_question_makes_the_results_stale(client, survey_manager, monkeypatch):
    survey, question = survey_with({"A": 6})
    tasks.results_refresh(survey.pk)
    question.text = "A clearer question?"
    question.save()
    queued = []
    monkeypatch.setattr(tasks.results_refresh, "delay", queued.append)
    client.force_login(survey_manager)
    client.get(f"/surveys/{survey.slug}/results/")
    assert queued == [survey.pk]


def test_a_release_refreshes_the_results_after_it_commits(
    db, member_survey, django_capture_on_commit_callbacks
):
    from surveys.models import SealedResponse
    from surveys.sealing import seal
    from surveys.services import responses_release

    question = member_survey.sections.first().questions.filter(choices__isnull=False).first()
    choice = question.choices.first()
    for _ in range(member_survey.threshold):
        SealedResponse.objects.create(
            survey=member_survey,
            answers=seal([{"question": question.pk, "choice": choice.pk, "text": ""}]),
        )
    with django_capture_on_commit_callbacks(execute=True):
        responses_release(survey=member_survey)
    snapshot = ResultsSnapshot.objects.get(survey=member_survey)
    assert snapshot.response_count == member_survey.threshold
