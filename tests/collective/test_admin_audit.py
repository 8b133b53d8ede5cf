"""Every admin action, reply and state change is in Django's admin log: who did what.

The table below gives each registered ModelAdmin's actions something to act on; a new action
without an entry here fails `test_every_admin_action_is_covered`.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from collective.models import Commitment, OutgoingEmail
from facilitation.models import Facilitator
from facilitation.models import Question as FacilitationQuestion
from feedback.models import Feedback
from library import services as library
from library.models import Copy, Loan
from surveys.models import InvitationSend, Survey
from tests.conftest import client_for
from tests.facilitation import factories as facilitation
from tests.factories import UserFactory
from tests.feedback.factories import FeedbackFactory
from tests.library.factories import BookFactory, SuggestionFactory, ThemeFactory
from tests.second_factor import give_authenticator_app
from tests.surveys import factories as surveys
from tests.surveys.test_findings import closed_survey, findings_for


def _loan(status, delivery=Loan.Delivery.COLLECT):
    loan = library.loan_request(
        resource=BookFactory(),
        borrower=UserFactory(display_name="Grace"),
        delivery=delivery,
        postal_address="1 High Street" if delivery == Loan.Delivery.POST else "",
    )
    if status in (Loan.Status.APPROVED, Loan.Status.ON_LOAN):
        library.loan_approve(loan=loan)
    if status == Loan.Status.ON_LOAN:
        library.loan_mark_collected(loan=loan)
    return [loan]


def _survey_with_question(**fields):
    question = surveys.QuestionFactory(section__survey__status=Survey.Status.DRAFT)
    Survey.objects.filter(pk=question.section.survey_id).update(**fields)
    return [question.section.survey]


def _invitation_send():
    survey = _survey_with_question(status=Survey.Status.PUBLISHED)[0]
    return [InvitationSend.objects.create(survey=survey, kind=InvitationSend.Kind.INVITATION)]


# (model label, action) -> () -> (objects to select, extra POST data for an intermediate page)
DECLINE = {"apply": "1", "reason": "We do not lend this one."}
DELETE = {"post": "yes"}
SETUPS = {
    ("auth.Group", "delete_selected"): (lambda: [Group.objects.create(name="Helpers")], DELETE),
    ("collective.User", "delete_selected"): (lambda: [UserFactory()], DELETE),
    ("collective.Commitment", "delete_selected"): (lambda: [_commitment()], DELETE),
    ("collective.CommitmentUpdate", "delete_selected"): (
        lambda: [_commitment().updates.create(text="We met.")],
        DELETE,
    ),
    ("collective.OutgoingEmail", "delete_selected"): (
        lambda: [OutgoingEmail.objects.create(to=["a@example.org"], subject="Hi", body="Hi")],
        DELETE,
    ),
    ("collective.OutgoingEmail", "retry"): (
        lambda: [OutgoingEmail.objects.create(to=["a@example.org"], subject="Hi", body="Hi")],
        {},
    ),
    ("account.EmailAddress", "delete_selected"): (
        lambda: [EmailAddress.objects.get(user=UserFactory())],
        DELETE,
    ),
    ("account.EmailAddress", "make_verified"): (
        lambda: [EmailAddress.objects.create(user=UserFactory(verified=False), email="n@ex.org")],
        {},
    ),
    ("mfa.Authenticator", "delete_selected"): (lambda: _authenticators(), DELETE),
    ("surveys.Survey", "delete_selected"): (lambda: [surveys.SurveyFactory()], DELETE),
    ("surveys.Survey", "publish"): (lambda: _survey_with_question(), {}),
    ("surveys.Survey", "close"): (lambda: [surveys.SurveyFactory()], {}),
    ("surveys.Survey", "duplicate"): (lambda: _survey_with_question(), {}),
    ("surveys.Survey", "send_invitation"): (
        lambda: _survey_with_question(status=Survey.Status.PUBLISHED),
        {"apply": "1", "kind": InvitationSend.Kind.INVITATION},
    ),
    ("surveys.Survey", "delete_responses"): (
        lambda: [surveys.SurveyFactory(status=Survey.Status.CLOSED)],
        {},
    ),
    ("surveys.Findings", "delete_selected"): (lambda: [_findings(published=True)], DELETE),
    ("surveys.Findings", "publish"): (lambda: [_findings(published=False)], {}),
    ("surveys.Findings", "unpublish"): (lambda: [_findings(published=True)], {}),
    ("surveys.Section", "delete_selected"): (lambda: [surveys.SectionFactory()], DELETE),
    ("surveys.Question", "delete_selected"): (lambda: [surveys.QuestionFactory()], DELETE),
    ("surveys.InvitationSend", "delete_selected"): (_invitation_send, DELETE),
    ("library.Theme", "delete_selected"): (lambda: [ThemeFactory()], DELETE),
    ("library.Resource", "delete_selected"): (lambda: [BookFactory(copies=0)], DELETE),
    ("library.Resource", "publish"): (lambda: [BookFactory(published=False)], {}),
    ("library.Resource", "unpublish"): (lambda: [BookFactory()], {}),
    ("library.Resource", "export_csv"): (lambda: [BookFactory()], {}),
    ("library.Copy", "delete_selected"): (
        lambda: [Copy.objects.get(resource=BookFactory())],
        DELETE,
    ),
    ("library.Suggestion", "delete_selected"): (lambda: [SuggestionFactory()], DELETE),
    ("library.Suggestion", "accept"): (lambda: [SuggestionFactory()], {}),
    ("library.Suggestion", "decline"): (lambda: [SuggestionFactory()], DECLINE),
    ("library.Loan", "approve"): (lambda: _loan(Loan.Status.REQUESTED), {}),
    ("library.Loan", "mark_collected"): (lambda: _loan(Loan.Status.APPROVED), {}),
    ("library.Loan", "mark_posted"): (
        lambda: _loan(Loan.Status.APPROVED, delivery=Loan.Delivery.POST),
        {},
    ),
    ("library.Loan", "mark_returned"): (lambda: _loan(Loan.Status.ON_LOAN), {}),
    ("library.Loan", "decline"): (lambda: _loan(Loan.Status.REQUESTED), DECLINE),
    ("facilitation.Facilitator", "delete_selected"): (
        lambda: [facilitation.FacilitatorFactory()],
        DELETE,
    ),
    ("facilitation.Facilitator", "move_to_under_review"): (
        lambda: [facilitation.FacilitatorFactory(status=Facilitator.Status.RECOMMENDED)],
        {},
    ),
    ("facilitation.Facilitator", "move_to_shortlisted"): (
        lambda: [facilitation.FacilitatorFactory(status=Facilitator.Status.UNDER_REVIEW)],
        {},
    ),
    ("facilitation.Facilitator", "move_to_contacted"): (
        lambda: [facilitation.FacilitatorFactory(status=Facilitator.Status.SHORTLISTED)],
        {},
    ),
    ("facilitation.Facilitator", "move_to_engaged"): (
        lambda: [facilitation.FacilitatorFactory(status=Facilitator.Status.CONTACTED)],
        {},
    ),
    ("facilitation.Facilitator", "not_taken_forward"): (
        lambda: [facilitation.FacilitatorFactory(status=Facilitator.Status.RECOMMENDED)],
        DECLINE,
    ),
    ("facilitation.Facilitator", "merge"): (
        lambda: [facilitation.FacilitatorFactory(), facilitation.FacilitatorFactory()],
        {},
    ),
    ("facilitation.Session", "delete_selected"): (
        lambda: [facilitation.SessionFactory()],
        DELETE,
    ),
    ("facilitation.Registration", "delete_selected"): (
        lambda: [facilitation.RegistrationFactory()],
        DELETE,
    ),
    ("facilitation.Registration", "cancel"): (lambda: [facilitation.RegistrationFactory()], {}),
    ("facilitation.Question", "delete_selected"): (
        lambda: [facilitation.QuestionFactory()],
        DELETE,
    ),
    ("facilitation.Question", "approve"): (
        lambda: [facilitation.QuestionFactory(status=FacilitationQuestion.Status.PENDING)],
        {},
    ),
    ("facilitation.Question", "reject"): (
        lambda: [facilitation.QuestionFactory(status=FacilitationQuestion.Status.PENDING)],
        {},
    ),
    ("facilitation.MeetingNote", "delete_selected"): (
        lambda: [facilitation.MeetingNoteFactory()],
        DELETE,
    ),
    ("facilitation.MeetingNote", "publish"): (
        lambda: [facilitation.MeetingNoteFactory(published=False)],
        {},
    ),
    ("facilitation.MeetingNote", "unpublish"): (
        lambda: [facilitation.MeetingNoteFactory(published=True)],
        {},
    ),
    ("feedback.Feedback", "delete_selected"): (lambda: [FeedbackFactory()], DELETE),
    ("feedback.Feedback", "mark_read"): (lambda: [FeedbackFactory()], {}),
    ("feedback.Feedback", "mark_actioned"): (lambda: [FeedbackFactory()], {}),
    ("feedback.Feedback", "mark_closed"): (lambda: [FeedbackFactory()], {}),
}


def _findings(published):
    survey = closed_survey(slug=f"closed-{Survey.objects.count()}")
    return findings_for(survey, published=published)


def _commitment():
    return Commitment.objects.create(
        title="Listen first", slug=f"listen-{Commitment.objects.count()}", summary="We listen."
    )


def _authenticators():
    user = UserFactory()
    give_authenticator_app(user)
    return list(user.authenticator_set.all())


def registered_actions(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return {
        (model._meta.label, name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
    }


def test_every_admin_action_is_covered(superuser):
    assert registered_actions(superuser) == set(SETUPS)


@pytest.mark.parametrize("key", sorted(SETUPS), ids=lambda key: f"{key[0]}.{key[1]}")
def test_each_admin_action_writes_an_entry_with_who_and_what(key, superuser):
    label, action = key
    make, extra = SETUPS[key]
    objects = make()
    model = objects[0]._meta.model
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    before = LogEntry.objects.count()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = client_for(superuser).post(
        url,
        {"action": action, ACTION_CHECKBOX_NAME: [str(obj.pk) for obj in objects], **extra},
    )
    assert response.status_code in (200, 302)
    entries = LogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(obj.pk) for obj in objects]
    )
    assert entries.exists(), f"{label} {action} wrote no admin log entry"
    assert all(entry.user_id == superuser.pk for entry in entries)
    assert LogEntry.objects.count() > before


def test_a_loans_history_says_who_approved_it_and_never_names_the_borrower(library_curator):
    loan = _loan(Loan.Status.REQUESTED)[0]
    client = client_for(library_curator)
    url = reverse("admin:library_loan_changelist")
    client.post(url, {"action": "approve", ACTION_CHECKBOX_NAME: [loan.pk]})
    client.post(url, {"action": "mark_collected", ACTION_CHECKBOX_NAME: [loan.pk]})
    history = client.get(reverse("admin:library_loan_history", args=[loan.pk]))
    page = history.content.decode()
    assert "Approved" in page and "ollected" in page
    assert library_curator.email in page or str(library_curator) in page
    entries = LogEntry.objects.filter(object_id=str(loan.pk))
    assert "Grace" not in " ".join(e.change_message + e.object_repr for e in entries)


def test_recent_actions_on_the_index_show_what_was_done(library_curator):
    loan = _loan(Loan.Status.REQUESTED)[0]
    client = client_for(library_curator)
    client.post(
        reverse("admin:library_loan_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [loan.pk]},
    )
    page = client.get(reverse("admin:index")).content.decode()
    loan.refresh_from_db()  # the entry names the loan as it stands after the step
    assert str(loan) in page.replace("&mdash;", "—")


def test_anonymising_a_loan_takes_the_borrower_out_of_its_log_entries(superuser, rf):
    from collective.lib import audit

    loan = _loan(Loan.Status.ON_LOAN)[0]
    borrower = loan.borrower
    request = rf.post("/")
    request.user = superuser
    # Even a message that named the person (as a confirmation to staff might) is reworded.
    audit.record(request, loan, f"Approved for {borrower.display_name} <{borrower.email}>")
    library.loan_return(loan=loan)
    Loan.objects.filter(pk=loan.pk).update(ended_on="2000-01-01")
    assert library.loans_anonymise() == 1
    text = " ".join(
        e.change_message + e.object_repr for e in LogEntry.objects.filter(object_id=str(loan.pk))
    )
    assert borrower.display_name not in text and borrower.email not in text
    assert "(anonymised)" in text


def test_deleting_an_account_takes_the_person_out_of_the_admin_log(superuser, member):
    from collective.services import user_delete

    client = client_for(superuser)
    client.post(
        reverse("admin:account_emailaddress_changelist"),
        {
            "action": "make_verified",
            ACTION_CHECKBOX_NAME: [
                EmailAddress.objects.create(user=member, email="second@example.org").pk
            ],
        },
    )
    assert LogEntry.objects.filter(object_repr__contains="second@example.org").exists()
    user_delete(user=member)
    assert not LogEntry.objects.filter(object_repr__contains="second@example.org").exists()
    assert not LogEntry.objects.filter(change_message__contains="Mo Member").exists()


def test_a_feedback_reply_is_logged_without_its_words(feedback_reader):
    feedback = FeedbackFactory(message="The lift was broken again on Tuesday.")
    client = client_for(feedback_reader)
    client.post(
        reverse("admin:feedback_feedback_change", args=[feedback.pk]),
        {
            "status": Feedback.Status.READ,
            "notes": "",
            "reply": "We are sorry: it is being fixed this week.",
            "messages-TOTAL_FORMS": "0",
            "messages-INITIAL_FORMS": "0",
        },
    )
    entries = list(LogEntry.objects.filter(object_id=str(feedback.pk)))
    assert entries and all(entry.user_id == feedback_reader.pk for entry in entries)
    text = " ".join(e.get_change_message() + e.object_repr for e in entries)
    assert "Reply to the sender" in text and "Status" in text
    assert "sorry" not in text and "lift" not in text and "Tuesday" not in text


def test_a_moderated_question_leaves_no_text_in_the_log(facilitation_coordinator):
    question = facilitation.QuestionFactory(
        status=FacilitationQuestion.Status.PENDING, text="Why does nobody listen to me?"
    )
    client_for(facilitation_coordinator).post(
        reverse("admin:facilitation_question_changelist"),
        {"action": "approve", ACTION_CHECKBOX_NAME: [question.pk]},
    )
    entry = LogEntry.objects.get(object_id=str(question.pk))
    assert entry.change_message == "Approved" and "listen" not in entry.object_repr
