from datetime import timedelta

from django.utils import timezone

from collective.models import Session
from collective.sessions import SessionStore
from collective.tasks import clear_expired_sessions


def test_expired_sessions_are_deleted_and_live_ones_kept(db):
    live, old = SessionStore(), SessionStore()
    live["survey_draft_1"] = old["survey_draft_1"] = {"data": {"q": "an answer"}, "page": 1}
    live.create()
    old.create()
    Session.objects.filter(session_key=old.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    clear_expired_sessions()
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
