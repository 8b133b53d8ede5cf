"""Who supported which question: nobody can work it out once the session's questions close.

The attacker holds SECRET_KEY, every setting and every byte of every column of every table
(as in a backup), and tries each as the key of the support digest, directly and derived
through SECRET_KEY as the portal derives it, for every member and question. While supports
are open, supporting twice is still refused.
"""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac

from facilitation.models import Support, SupportKey
from facilitation.services import question_support, supported_question_ids
from facilitation.tasks import destroy_support_keys
from tests.conftest import require_postgres
from tests.facilitation.factories import QuestionFactory, RegistrationFactory, SessionFactory
from tests.factories import UserFactory


def every_stored_value():
    """Every non-null value of every column of every table, as bytes and as text."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        found.append(bytes(value))
                    elif value is not None:
                        found.append(str(value).encode())
    return found


def candidate_keys():
    secrets = [settings.SECRET_KEY.encode(), *every_stored_value()]
    for name in dir(settings):  # every setting that is a string: any of them might be a key
        value = getattr(settings, name, None)
        if name.isupper() and isinstance(value, str) and value:
            secrets.append(value.encode())
    keys = set(secrets)
    for secret in secrets:
        try:
            keys.add(bytes.fromhex(secret.decode()))
        except ValueError:
            pass
    return keys


def recompute(members, questions, digests):
    """Every (member, question) that some candidate key links to a stored digest."""
    found = set()
    pairs = [(m.pk, q.pk) for m in members for q in questions]
    for member_id, question_id in pairs:
        text = f"{member_id}:{question_id}"
        # The way the portal used to do it: a salted HMAC keyed from SECRET_KEY.
        old = salted_hmac("facilitation.support", text, algorithm="sha256").hexdigest()
        if old in digests:
            found.add((member_id, question_id))
    for candidate in candidate_keys():
        # Each candidate as the key itself, and through SECRET_KEY as the portal derives one.
        derived = salted_hmac("facilitation.support-key", candidate, algorithm="sha256").digest()
        for key in (candidate, derived):
            for member_id, question_id in pairs:
                text = f"{member_id}:{question_id}".encode()
                if hmac.new(key, text, hashlib.sha256).hexdigest() in digests:
                    found.add((member_id, question_id))
    return found


@pytest.fixture
def supported(db):
    require_postgres()
    session = SessionFactory()
    members = UserFactory.create_batch(3, password=None)
    for member in members:
        RegistrationFactory(session=session, member=member)
    questions = QuestionFactory.create_batch(2, session=session)
    question_support(question=questions[0], member=members[0])
    question_support(question=questions[1], member=members[0])
    question_support(question=questions[1], member=members[1])
    return session, members, questions


def test_while_open_the_portal_still_refuses_a_second_support(supported):
    session, members, questions = supported
    assert question_support(question=questions[0], member=members[0]) is False
    assert supported_question_ids(session=session, member=members[0], questions=questions) == {
        q.pk for q in questions
    }
    assert Support.objects.count() == 3


def test_after_the_questions_close_nobody_can_recompute_who_supported(supported):
    session, members, questions = supported
    digests = set(Support.objects.values_list("digest", flat=True))
    # The attack works while the key exists (so the test can tell a real defence from a no-op).
    assert recompute(members, questions, digests) == {
        (members[0].pk, questions[0].pk),
        (members[0].pk, questions[1].pk),
        (members[1].pk, questions[1].pk),
    }

    session.starts_at = timezone.now() - timedelta(minutes=1)
    session.ends_at = timezone.now() + timedelta(hours=1)
    session.save()
    destroy_support_keys()

    assert SupportKey.objects.get(session=session).key is None
    assert Support.objects.count() == 3  # the counts stay
    assert recompute(members, questions, digests) == set()


def test_moving_the_start_later_does_not_reopen_supports_under_a_new_key(supported):
    session, members, questions = supported
    session.starts_at = timezone.now() - timedelta(minutes=1)
    session.save()
    destroy_support_keys()
    session.starts_at = timezone.now() + timedelta(days=1)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    with pytest.raises(Exception, match="closed"):
        question_support(question=questions[0], member=members[0])
    assert Support.objects.count() == 3


def test_a_started_session_refuses_supports_before_the_job_has_run(supported):
    session, members, questions = supported
    session.starts_at = timezone.now() - timedelta(minutes=1)
    session.save()
    with pytest.raises(Exception, match="closed"):
        question_support(question=questions[0], member=members[2])
    assert Support.objects.count() == 3
