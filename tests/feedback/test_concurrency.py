"""Races on PostgreSQL, with real threads: the database keeps the thread in order."""

import pytest

from collective.lib.nonces import new_nonce
from feedback import receipts, services
from feedback.models import Feedback
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.feedback.factories import FeedbackFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_form_sent_twice_at_once_is_saved_once():
    require_postgres()
    code = receipts.code_for(new_nonce())
    send = lambda: services.feedback_submit(code=code, topic="general", message="Double click")  # noqa: E731
    results = [created for _, created in run_together(*[send] * 4)]
    assert Feedback.objects.count() == 1
    assert sorted(results) == [False, False, False, True]


def test_replies_written_at_once_each_get_their_own_place_in_the_thread():
    require_postgres()
    feedback = FeedbackFactory()
    run_together(*[lambda: services.feedback_reply(feedback_id=feedback.pk, body="Reply")] * 4)
    assert sorted(feedback.messages.values_list("position", flat=True)) == [1, 2, 3, 4]
