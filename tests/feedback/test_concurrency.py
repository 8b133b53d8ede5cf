"""Races on PostgreSQL, with real threads: the database keeps the thread in order."""

import threading

import pytest
from django.db import connection

from feedback import receipts, services
from feedback.models import Feedback
from tests.conftest import require_postgres
from tests.feedback.factories import FeedbackFactory

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(target, count):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # reported below, so a failing thread fails the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_the_same_form_sent_twice_at_once_is_saved_once():
    require_postgres()
    code = receipts.code_for(receipts.new_nonce())
    results = run_together(
        lambda: services.feedback_submit(code=code, topic="general", message="Double click")[1], 4
    )
    assert Feedback.objects.count() == 1
    assert sorted(results) == [False, False, False, True]


def test_replies_written_at_once_each_get_their_own_place_in_the_thread():
    require_postgres()
    feedback = FeedbackFactory()
    run_together(lambda: services.feedback_reply(feedback_id=feedback.pk, body="Reply"), 4)
    assert sorted(feedback.messages.values_list("position", flat=True)) == [1, 2, 3, 4]
