"""Coordinators moderate questions in the admin before the facilitator sees them."""

from django.urls import reverse

from facilitation.models import Question
from facilitation.services import question_support
from tests.facilitation.factories import QuestionFactory

CHANGELIST = reverse("admin:facilitation_question_changelist")


def test_only_coordinators_moderate(check_admin_access, coordinators):
    question = QuestionFactory()
    change = reverse("admin:facilitation_question_change", args=[question.pk])
    check_admin_access([CHANGELIST, change], allowed=coordinators)


def test_approve_and_reject_actions(as_user, facilitation_coordinator):
    pending = [QuestionFactory(status=Question.Status.PENDING) for _ in range(2)]
    client = as_user(facilitation_coordinator)
    response = client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [pending[0].pk]}, follow=True
    )
    assert "1 question(s) approved" in response.content.decode()
    client.post(CHANGELIST, {"action": "reject", "_selected_action": [pending[1].pk]})
    statuses = {q.pk: q.status for q in Question.objects.all()}
    assert statuses == {pending[0].pk: "approved", pending[1].pk: "rejected"}


def test_changelist_shows_support_counts_but_no_supporters(
    as_user, facilitation_coordinator, member
):
    question = QuestionFactory(text="Counted question")
    question_support(question=question, member=member)
    html = as_user(facilitation_coordinator).get(CHANGELIST).content.decode()
    assert "Counted question" in html
    assert member.email not in html
    assert str(member) not in html


def test_questions_cannot_be_added_or_rewritten_in_the_admin(as_user, facilitation_coordinator):
    question = QuestionFactory(text="Original words")
    client = as_user(facilitation_coordinator)
    assert client.get(reverse("admin:facilitation_question_add")).status_code == 403
    change = reverse("admin:facilitation_question_change", args=[question.pk])
    client.post(change, {"text": "Rewritten", "status": "approved"})
    question.refresh_from_db()
    assert question.text == "Original words"
