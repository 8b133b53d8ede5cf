"""The lending desk in the admin: each action calls the service the site uses."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from library import services
from library.models import Loan
from tests.library.factories import BookFactory

CHANGELIST = reverse("admin:library_loan_changelist")


@pytest.fixture
def desk(client, library_curator):
    client.force_login(library_curator)

    def act(action, *loans, **extra):
        data = {"action": action, "_selected_action": [loan.pk for loan in loans], **extra}
        return client.post(CHANGELIST, data, follow=True)

    return act


def _status(loan):
    return Loan.objects.get(pk=loan.pk).status


def test_the_desk_runs_a_loan_from_request_to_return(
    desk, book, member, django_capture_on_commit_callbacks
):
    loan = services.loan_request(
        resource=book, borrower=member, delivery="post", postal_address="1 Road"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = desk("approve", loan)
    assert "“Natives: Race and Class in the Ruins of Empire” approved for Mo Member" in (
        response.content.decode()
    )
    assert _status(loan) == "approved"
    assert len(mail.outbox) == 1
    desk("mark_posted", loan)
    assert _status(loan) == "on_loan"
    desk("mark_returned", loan)
    assert _status(loan) == "returned"
    assert Loan.objects.get(pk=loan.pk).postal_address == ""


def test_a_refused_action_is_reported_not_applied(desk, on_loan):
    response = desk("approve", on_loan)
    assert "Only a new request can be approved" in response.content.decode()
    assert _status(on_loan) == "on_loan"


def test_mark_collected(desk, book, member):
    loan = services.loan_approve(loan=services.loan_request(resource=book, borrower=member))
    desk("mark_collected", loan)
    assert _status(loan) == "on_loan"


def test_decline_with_a_reason(desk, book, member):
    loan = services.loan_request(resource=book, borrower=member)
    desk("decline", loan, apply="1", reason="Out of area")
    loan.refresh_from_db()
    assert (loan.status, loan.decline_reason) == ("declined", "Out of area")


@pytest.mark.parametrize(
    "desk_filter, expected",
    [("to-approve", ["requested"]), ("overdue", ["on_loan"]), ("waiting", ["waiting"])],
)
def test_the_desk_filters(
    client, library_curator, on_loan, book, other_member, make_member, desk_filter, expected
):
    services.loan_request(resource=book, borrower=other_member)
    services.loan_request(resource=BookFactory(), borrower=make_member())
    Loan.objects.filter(pk=on_loan.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    client.force_login(library_curator)
    response = client.get(CHANGELIST, {"desk": desk_filter})
    assert [loan.status for loan in response.context["cl"].result_list] == expected


def test_staff_record_a_request_for_someone_without_an_account(client, library_curator, book):
    client.force_login(library_curator)
    response = client.post(
        reverse("admin:library_loan_add"),
        {
            "resource": book.pk,
            "name": "Grace",
            "email": "grace@example.org",
            "delivery": "collect",
        },
    )
    assert response.status_code == 302
    loan = Loan.objects.get()
    assert (loan.borrower, loan.borrower_name, loan.status) == (None, "Grace", "requested")


def test_staff_record_a_request_for_a_member(client, library_curator, book, member):
    client.force_login(library_curator)
    client.post(
        reverse("admin:library_loan_add"),
        {
            "resource": book.pk,
            "email": "MEMBER@example.org",
            "delivery": "post",
            "postal_address": "2 Rd",
        },
    )
    assert Loan.objects.get().borrower == member


def test_recording_a_request_for_someone_unknown_needs_their_name(client, library_curator, book):
    client.force_login(library_curator)
    response = client.post(
        reverse("admin:library_loan_add"),
        {"resource": book.pk, "email": "new@example.org", "delivery": "collect"},
    )
    assert "give their name" in response.content.decode()
    assert not Loan.objects.exists()


def test_the_desk_list_runs_a_fixed_number_of_queries(
    client, library_curator, django_assert_max_num_queries, make_member
):
    for _ in range(5):
        services.loan_request(resource=BookFactory(), borrower=make_member())
    client.force_login(library_curator)
    with django_assert_max_num_queries(15):
        client.get(CHANGELIST)
