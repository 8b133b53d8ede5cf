"""The facilitator's view: approved questions, most supported first, for coordinators."""

from django.urls import reverse

from facilitation.models import Question
from facilitation.services import question_support
from tests.facilitation.factories import QuestionFactory, SessionFactory


def _url(session):
    return reverse("facilitation:session-questions-print", args=[session.pk])


def test_only_coordinators_open_the_facilitators_view(check_access, coordinators):
    check_access([_url(SessionFactory())], allowed=coordinators)


def test_lists_approved_questions_by_support(
    as_user, facilitation_coordinator, member, other_member
):
    session = SessionFactory()
    one = QuestionFactory(session=session, text="AAA one supporter")
    two = QuestionFactory(session=session, text="BBB two supporters")
    QuestionFactory(session=session, text="CCC waiting", status=Question.Status.PENDING)
    QuestionFactory(session=session, text="DDD rejected", status=Question.Status.REJECTED)
    question_support(question=one, member=member)
    question_support(question=two, member=member)
    question_support(question=two, member=other_member)
    html = as_user(facilitation_coordinator).get(_url(session)).content.decode()
    assert html.index("BBB two supporters") < html.index("AAA one supporter")
    assert "(supported by 2)" in html
    assert "CCC waiting" not in html
    assert "DDD rejected" not in html


def test_empty_list_says_so(as_user, facilitation_coordinator):
    html = as_user(facilitation_coordinator).get(_url(SessionFactory())).content.decode()
    assert "No questions have been approved for this session yet" in html
