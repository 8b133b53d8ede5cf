"""The lending desk's row buttons: each next step calls the service, says what happened to
whom, and writes the admin log; refusals and nonsense are answered without a server error."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from library import services
from library.models import Loan
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.library.factories import BookFactory, CopyFactory

CHANGELIST = reverse("admin:library_loan_changelist")


def _step(loan, step):
    return reverse("admin:library_loan_step", args=[loan.pk, step])


def _decline(loan):
    return reverse("admin:library_loan_decline", args=[loan.pk])


@pytest.fixture
def grace(db):
    return UserFactory(email="grace@example.org", display_name="Grace")


@pytest.fixture
def queenie(db):
    book = BookFactory(title="Queenie", copies=0)
    CopyFactory(resource=book, code="CPC-Q-1")
    return book


@pytest.fixture
def curator(client, library_curator):
    client.force_login(library_curator)
    return client


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_approve_names_the_book_the_person_and_what_happens_next(
    curator, library_curator, queenie, grace, django_capture_on_commit_callbacks
):
    loan = services.loan_request(resource=queenie, borrower=grace)
    with django_capture_on_commit_callbacks(execute=True):
        response = curator.post(_step(loan, "approve"), follow=True)
    until = date_format(timezone.localdate() + timedelta(days=7), "j F")
    assert _messages(response) == [
        f"“Queenie” approved for Grace: copy CPC-Q-1 held until {until}. Grace has been e-mailed."
    ]
    assert Loan.objects.get(pk=loan.pk).status == Loan.Status.APPROVED
    assert [message.to for message in mail.outbox] == [["grace@example.org"]]
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id) == (library_curator, str(loan.pk))
    assert entry.change_message == f"Approved: copy CPC-Q-1 held until {until}."


def test_a_request_by_post_says_to_post_it(curator, queenie, grace):
    loan = services.loan_request(
        resource=queenie, borrower=grace, delivery="post", postal_address="1 Road"
    )
    response = curator.post(_step(loan, "approve"), follow=True)
    assert "copy CPC-Q-1 is reserved: post it, then press “Posted”" in _messages(response)[0]
    response = curator.post(_step(loan, "posted"), follow=True)
    due = date_format(timezone.localdate() + timedelta(days=28), "j F")
    assert _messages(response) == [
        f"“Queenie” posted to Grace (copy CPC-Q-1), due back on {due}. Grace has been e-mailed."
    ]


def test_a_returned_copy_goes_to_the_next_person_and_the_curator_is_told(
    curator, queenie, grace, other_member
):
    loan = services.loan_mark_collected(
        loan=services.loan_request(resource=queenie, borrower=grace)
    )
    waiting = services.loan_request(resource=queenie, borrower=other_member)
    response = curator.post(_step(loan, "returned"), follow=True)
    assert _messages(response) == [
        "“Queenie” returned by Grace: copy CPC-Q-1 is now held for Olu Other, who was next in "
        "the queue. Olu Other has been e-mailed."
    ]
    assert Loan.objects.get(pk=waiting.pk).status == Loan.Status.OFFERED


def test_someone_without_an_e_mail_address_must_be_told_by_the_curator(curator, queenie):
    loan = services.loan_request(resource=queenie, borrower=None, borrower_email="x@example.org")
    Loan.objects.filter(pk=loan.pk).update(borrower_email="", borrower_name="Pat")
    response = curator.post(_step(Loan.objects.get(pk=loan.pk), "approve"), follow=True)
    assert "We have no e-mail address for Pat: tell them yourself." in _messages(response)[0]


def test_decline_asks_for_a_reason_then_declines(curator, queenie, grace):
    loan = services.loan_request(resource=queenie, borrower=grace)
    page = curator.get(_decline(loan))
    assert "“Queenie” for Grace" in page.content.decode()
    response = curator.post(_decline(loan), {"apply": "1", "reason": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Loan.objects.get(pk=loan.pk).status == Loan.Status.REQUESTED
    response = curator.post(_decline(loan), {"apply": "1", "reason": "Out of area"}, follow=True)
    assert _messages(response) == [
        "Grace’s request for “Queenie” is declined. Grace has been e-mailed the reason."
    ]
    loan.refresh_from_db()
    assert (loan.status, loan.decline_reason) == (Loan.Status.DECLINED, "Out of area")
    # The reason is personal: it stays out of the admin log.
    assert LogEntry.objects.get().change_message == "Declined."


def test_a_step_the_rules_refuse_is_reported_with_the_book_and_person(curator, queenie, grace):
    loan = services.loan_request(resource=queenie, borrower=grace)
    response = curator.post(_step(loan, "returned"), follow=True)
    assert _messages(response) == [
        "“Queenie” for Grace: Only a book on loan can be returned (this one is requested)."
    ]
    assert not LogEntry.objects.exists()


def test_after_a_step_the_desk_shows_the_same_filters(curator, queenie, grace):
    loan = services.loan_request(resource=queenie, borrower=grace)
    url = _step(loan, "approve") + "?_changelist_filters=desk%3Dall%26q%3DQueenie"
    response = curator.post(url)
    assert response["Location"] == f"{CHANGELIST}?desk=all&q=Queenie"


@pytest.mark.parametrize("path", ["approve/", "decline/", "sideways/"])
def test_bad_ids_and_steps_are_404_and_a_get_changes_nothing(curator, queenie, grace, path):
    loan = services.loan_request(resource=queenie, borrower=grace)
    assert curator.post(f"{CHANGELIST}abc/desk/{path}").status_code == 404
    assert curator.post(f"{CHANGELIST}99999/desk/{path}").status_code == 404
    assert curator.get(_step(loan, "approve")).status_code == 405
    assert curator.post(_step(loan, "sideways")).status_code == 404
    assert Loan.objects.get(pk=loan.pk).status == Loan.Status.REQUESTED


def test_only_curators_take_steps(cast, queenie, grace):
    loan = services.loan_request(resource=queenie, borrower=grace)
    for role, user in cast.items():
        if role in ("library_curator", "superuser"):
            continue  # they take steps in every other test
        client = client_for(user)
        status = client.post(_step(loan, "approve")).status_code
        page = client.get(_decline(loan)).status_code
        if user is None or not user.is_staff:
            assert (status, page) == (302, 302), role  # to the log-in page
        else:
            assert (status, page) == (403, 403), role
    assert Loan.objects.get(pk=loan.pk).status == Loan.Status.REQUESTED


def test_the_desk_opens_on_requests_to_approve_and_all_loans_shows_everything(
    curator, queenie, grace, on_loan
):
    services.loan_request(resource=queenie, borrower=grace)
    opened = curator.get(CHANGELIST)
    assert [loan.status for loan in opened.context["cl"].result_list] == ["requested"]
    everything = curator.get(CHANGELIST, {"desk": "all"})
    assert sorted(loan.status for loan in everything.context["cl"].result_list) == [
        "on_loan",
        "requested",
    ]
    page = opened.content.decode()
    assert 'aria-label="Approve “Queenie” for Grace"' in page
    assert 'formaction="/admin/library/loan/' in page


def test_bulk_actions_say_the_same_sentences(curator, queenie, grace):
    loan = services.loan_request(resource=queenie, borrower=grace)
    response = curator.post(
        CHANGELIST, {"action": "approve", "_selected_action": [loan.pk]}, follow=True
    )
    assert _messages(response)[0].startswith("“Queenie” approved for Grace: copy CPC-Q-1")
    assert LogEntry.objects.count() == 1


def test_the_desk_costs_the_same_at_any_size(curator, django_assert_max_num_queries, make_member):
    for _ in range(3):
        services.loan_request(resource=BookFactory(), borrower=make_member())
    with django_assert_max_num_queries(15) as small:
        curator.get(CHANGELIST, {"desk": "all"})
    for _ in range(12):
        services.loan_request(resource=BookFactory(), borrower=make_member())
    with django_assert_max_num_queries(len(small.captured_queries)):
        curator.get(CHANGELIST, {"desk": "all"})
