"""Supporting a question: counted once per member, without storing who supported what."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from facilitation.models import Question, Support, SupportKey
from facilitation.services import question_support, support_digest
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.facilitation.factories import QuestionFactory, RegistrationFactory, SessionFactory


def _support_url(question):
    return reverse("facilitation:question-support", args=[question.session_id, question.pk])


def _questions_url(session):
    return reverse("facilitation:session-questions", args=[session.pk])


def test_registered_member_supports_a_question_once(as_user, member):
    question = QuestionFactory(text="How do I respond in the moment?")
    RegistrationFactory(session=question.session, member=member)
    client = as_user(member)
    first = client.post(_support_url(question), follow=True).content.decode()
    second = client.post(_support_url(question), follow=True).content.decode()
    assert "your support is counted" in first
    assert "You have already supported that question" in second
    assert Support.objects.filter(question=question).count() == 1
    assert "Supported by 1 person" in second
    assert "You support this question" in second


def test_questions_are_listed_most_supported_first(as_user, member, other_member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    RegistrationFactory(session=session, member=other_member)
    less = QuestionFactory(session=session, text="AAA fewer supporters")
    more = QuestionFactory(session=session, text="ZZZ more supporters")
    question_support(question=more, member=member)
    question_support(question=more, member=other_member)
    question_support(question=less, member=member)
    html = as_user(member).get(_questions_url(session)).content.decode()
    assert html.index("ZZZ more supporters") < html.index("AAA fewer supporters")
    assert "Supported by 2 people" in html


def test_the_support_row_names_nobody(member, other_member):
    question = QuestionFactory()
    question_support(question=question, member=member)
    columns = {field.column for field in Support._meta.concrete_fields}
    assert columns == {"id", "question_id", "digest"}
    digest = Support.objects.get().digest
    assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")  # a bare HMAC-SHA256
    # The same member leaves unrelated marks on two questions, so supports cannot be joined up.
    other_question = QuestionFactory(session=question.session)
    key = bytes(SupportKey.objects.get(session=question.session).key)
    assert support_digest(key=key, member_id=member.pk, question_id=question.pk) == digest
    assert support_digest(key=key, member_id=member.pk, question_id=other_question.pk) != digest
    assert support_digest(key=key, member_id=other_member.pk, question_id=question.pk) != digest


def test_nobody_can_browse_supports_in_the_admin(cast):
    with pytest.raises(NoReverseMatch):
        reverse("admin:facilitation_support_changelist")
    assert not Permission.objects.filter(
        content_type__model="support", group__isnull=False
    ).exists()
    for role, user in cast.items():
        if user is not None and not user.is_superuser:
            assert not user.has_perm("facilitation.view_support"), role


def test_only_registered_members_may_support(as_user, member, other_member):
    question = QuestionFactory()
    RegistrationFactory(session=question.session, member=member)
    assert as_user(other_member).post(_support_url(question)).status_code == 403
    assert not Support.objects.exists()


def test_unapproved_questions_cannot_be_supported(as_user, member):
    question = QuestionFactory(status=Question.Status.PENDING)
    RegistrationFactory(session=question.session, member=member)
    assert as_user(member).post(_support_url(question)).status_code == 404
    assert not Support.objects.exists()


def test_support_needs_a_post(as_user, member):
    question = QuestionFactory()
    RegistrationFactory(session=question.session, member=member)
    assert as_user(member).get(_support_url(question)).status_code == 405


def test_questions_page_runs_a_fixed_number_of_queries(
    as_user, member, other_member, django_assert_max_num_queries
):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    client = as_user(member)

    def add(count):
        for _ in range(count):
            question_support(question=QuestionFactory(session=session), member=other_member)

    add(2)
    with django_assert_max_num_queries(8):
        client.get(_questions_url(session))
    add(20)
    with django_assert_max_num_queries(8):
        assert client.get(_questions_url(session)).content.decode().count("card-body") == 22


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_supports_from_one_member_count_once():
    require_postgres()
    from tests.factories import UserFactory

    question = QuestionFactory()
    person = UserFactory()
    results = run_together(*[lambda: question_support(question=question, member=person)] * 2)
    assert sorted(results) == [False, True]
    assert Support.objects.filter(question=question).count() == 1
