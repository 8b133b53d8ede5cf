"""Anonymous answers wait sealed, then are released into the results in batches."""

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from collective import celery_app
from collective.models import OutgoingEmail
from surveys import services, tasks
from surveys.forms import AnswerValue
from surveys.models import Answer, Participation, Response, SealedResponse, Survey
from surveys.sealing import CannotUnseal, seal, unseal
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.factories import UserFactory

DEAD = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _submit(survey, text, user=None):
    question = survey.sections.get(position=1).questions.get()
    user = user or UserFactory()
    services.response_submit(
        survey=survey, user=user, answers=[AnswerValue(question=question, text=text)]
    )
    return user


def _texts(survey):
    return sorted(Answer.objects.filter(response__survey=survey).values_list("text", flat=True))


def test_answers_wait_until_a_batch_of_the_threshold_is_ready(small_survey):
    small_survey.threshold = 3
    small_survey.save()
    _submit(small_survey, "one")
    _submit(small_survey, "two")
    assert services.responses_release(survey=small_survey) == 0
    assert small_survey.waiting_count() == 2
    assert not Response.objects.exists()

    _submit(small_survey, "three")
    assert services.responses_release(survey=small_survey) == 3

    assert small_survey.waiting_count() == 0
    assert _texts(small_survey) == ["one", "three", "two"]
    assert set(Response.objects.values_list("user", flat=True)) == {None}
    assert Participation.objects.filter(survey=small_survey).count() == 3


def test_a_sealed_row_names_nobody_has_no_time_and_cannot_be_read_without_the_key(
    small_survey, member
):
    _submit(small_survey, "sealed", user=member)
    sealed = SealedResponse.objects.get()
    assert "sealed" not in sealed.answers  # encrypted while it waits
    assert unseal(sealed.answers)[0]["text"] == "sealed"
    names = {field.name for field in SealedResponse._meta.concrete_fields}
    assert names == {"id", "survey", "answers", "submission_key"}  # no user, no date, no counter
    assert sealed.submission_key is None
    assert Participation.objects.get(user=member).took_part_on


def test_closing_a_survey_releases_what_waits_even_below_the_threshold(
    small_survey, django_capture_on_commit_callbacks
):
    _submit(small_survey, "early")
    _submit(small_survey, "late")
    assert services.responses_release(survey=small_survey) == 0  # 2 < threshold 5

    with django_capture_on_commit_callbacks(execute=True):
        services.survey_close(survey=small_survey)

    assert small_survey.waiting_count() == 0
    assert _texts(small_survey) == ["early", "late"]


def test_an_identified_survey_writes_the_response_at_once(small_survey, member):
    small_survey.mode = Survey.Mode.IDENTIFIED
    small_survey.save()
    _submit(small_survey, "named", user=member)
    assert not small_survey.waiting_count()
    assert Response.objects.get().user == member


def test_an_answer_to_a_question_deleted_while_waiting_is_dropped_not_the_response(small_survey):
    colour = small_survey.sections.get(position=0).questions.get(text="Favourite colour?")
    blue = colour.choices.get(text="Blue")
    anything = small_survey.sections.get(position=1).questions.get()
    services.response_submit(
        survey=small_survey,
        user=UserFactory(),
        answers=[
            AnswerValue(question=colour, choices=[blue]),
            AnswerValue(question=anything, text="kept"),
        ],
    )
    colour.delete()
    assert services.responses_release(survey=small_survey, minimum=1) == 1
    assert list(Answer.objects.values_list("text", flat=True)) == ["kept"]


def test_deleting_the_responses_of_a_closed_survey_deletes_waiting_ones_too(small_survey):
    _submit(small_survey, "waiting")
    small_survey.status = Survey.Status.CLOSED
    small_survey.save()
    assert services.survey_delete_responses(survey=small_survey) == 1
    assert not SealedResponse.objects.exists()


def test_the_beat_job_runs_every_few_minutes():
    jobs = [job for job in settings.CELERY_BEAT_SCHEDULE.values() if "release" in job["task"]]
    assert [job["task"] for job in jobs] == ["surveys.tasks.release_responses"]
    assert jobs[0]["schedule"] <= 10 * 60


@pytest.mark.django_db(transaction=True)
def test_one_response_per_member_is_still_enforced_by_the_database(small_survey, member):
    require_postgres()
    _submit(small_survey, "first", user=member)
    with pytest.raises(services.AlreadyTakenPart):
        _submit(small_survey, "second", user=member)
    # The constraint itself, past the service's own check: the database refuses the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(survey=small_survey, user=member, took_part_on="2026-01-01")
    assert small_survey.waiting_count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_releases_at_once_release_each_response_once(small_survey):
    require_postgres()
    small_survey.threshold = 3
    small_survey.save()
    for n in range(6):
        _submit(small_survey, f"answer {n}")

    def release():
        return services.responses_release(survey=Survey.objects.get(pk=small_survey.pk))

    released = run_together(release, release)
    # skip_locked: the second release leaves alone the rows the first holds (if it got fewer
    # than the threshold, they wait for the next run), so no row is released twice.
    released.append(release())
    assert sum(released) == 6
    assert _texts(small_survey) == [f"answer {n}" for n in range(6)]
    assert not small_survey.waiting_count()


def _transaction_stamps(survey):
    """{xmin: number of rows} over the survey's responses and answers."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT xmin::text, count(*) FROM ("
            "  SELECT r.xmin FROM surveys_response r WHERE r.survey_id = %s"
            "  UNION ALL SELECT a.xmin FROM surveys_answer a"
            "  JOIN surveys_response r ON r.id = a.response_id WHERE r.survey_id = %s"
            ") rows GROUP BY xmin",
            [survey.pk, survey.pk],
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_small_last_batch_at_closing_is_mixed_with_every_released_response(small_survey):
    """Three released in one batch, then one more before closing: a batch of one would tell
    whoever took part last which response is theirs, so all four are rewritten together."""
    require_postgres()
    small_survey.threshold = 3
    small_survey.save()
    for n in range(3):
        _submit(small_survey, f"batch {n}")
    assert services.responses_release(survey=small_survey) == 3
    _submit(small_survey, "the last one")
    assert len(_transaction_stamps(small_survey)) == 1  # only the first batch so far

    services.survey_close(survey=small_survey)  # the release task runs eagerly on commit

    assert _texts(small_survey) == ["batch 0", "batch 1", "batch 2", "the last one"]
    assert len(_transaction_stamps(small_survey)) == 1  # one batch: nothing tells them apart
    assert len(set(Response.objects.values_list("submitted_on", flat=True))) == 1


@pytest.fixture
def dead_redis():
    """The broker points at a closed port, as when Redis has stopped."""
    broker = celery_app.conf.broker_url
    celery_app.conf.task_always_eager = False  # publish for real, to the dead broker
    celery_app.conf.broker_url = DEAD
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    dead_cache = {
        "default": {
            "BACKEND": "collective.lib.cache.ResilientRedisCache",
            "LOCATION": DEAD,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=dead_cache):
        yield
    celery_app.conf.broker_url = broker
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_with_redis_down_answers_wait_in_the_database_and_the_beat_job_releases_them(
    small_survey, dead_redis, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _submit(small_survey, "while Redis was down")
        _submit(small_survey, "also while down")
        services.survey_close(survey=small_survey)  # cannot queue the release: the broker is dead

    assert small_survey.waiting_count() == 2  # kept, not lost
    assert not Response.objects.exists()
    assert OutgoingEmail.objects.filter(to=[first.email]).exists()  # the confirmation waits too

    tasks.release_responses()  # Redis and beat are back: the next run picks them up

    assert small_survey.waiting_count() == 0
    assert _texts(small_survey) == ["also while down", "while Redis was down"]


def test_the_seal_has_no_time_hides_the_length_and_survives_a_key_rotation(settings):
    short, long = seal([{"text": "a"}]), seal([{"text": "a" * 400}])
    assert len(short) == len(long)  # padded: the length does not tell a word from a story
    assert seal([{"text": "a"}]) != short  # a fresh nonce each time
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    assert unseal(short) == [{"text": "a"}]  # sealed before the rotation, opened after
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(CannotUnseal):
        unseal(short)


def test_a_row_nobody_can_unseal_waits_and_does_not_block_other_surveys(small_survey, settings):
    _submit(small_survey, "sealed with the old key")
    other = Survey.objects.create(title="Other", slug="other", status=Survey.Status.PUBLISHED)
    settings.SECRET_KEY = "a-new-key-" + "y" * 50  # rotated, and the old key dropped
    small_survey.status = Survey.Status.CLOSED
    small_survey.save()
    SealedResponse.objects.create(survey=other, answers=seal([]))
    other.status = Survey.Status.CLOSED
    other.save()

    tasks.release_responses()

    assert small_survey.waiting_count() == 1  # kept: restoring the old key releases it
    assert not other.waiting_count()


@pytest.mark.django_db(transaction=True)
def test_the_last_batch_takes_back_a_bounded_random_sample(small_survey, monkeypatch):
    """Closing a large survey rewrites a bounded number of responses, not all of them."""
    require_postgres()
    monkeypatch.setattr(services, "TAKE_BACK", 5)
    small_survey.threshold = 2  # takes back max(5, 4 × 2) = 8
    small_survey.save()
    for n in range(12):
        _submit(small_survey, f"early {n}")
    assert services.responses_release(survey=small_survey) == 12
    _submit(small_survey, "the last one")

    services.survey_close(survey=small_survey)

    assert len(_texts(small_survey)) == 13
    assert "the last one" in _texts(small_survey)
    # Each response has one answer here: 12 - 8 rows left from the first batch (4 responses,
    # 4 answers) and 8 + 1 rewritten with the last one (9 responses, 9 answers).
    assert sorted(_transaction_stamps(small_survey).values()) == [8, 18]
