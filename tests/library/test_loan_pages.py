"""My loans, a loan's page, cancel and renew: a member sees and acts on their own loans only."""

import pytest
from django.urls import reverse

from library import services
from library.models import Loan


@pytest.fixture
def request_(book, member):
    return services.loan_request(resource=book, borrower=member)


def test_my_loans_is_for_signed_in_people(check_access, cast, db):
    check_access([reverse("library:loan-list")], allowed=set(cast) - {"visitor"})


def test_only_the_borrower_can_see_a_loan(check_access, request_):
    # Curators work in the admin; on the site even they cannot open someone's loan.
    check_access([request_.get_absolute_url()], allowed={"member"})


def test_my_loans_lists_mine_and_not_others(client, member, other_member, request_, book):
    theirs = services.loan_request(resource=book, borrower=other_member)
    client.force_login(member)
    loans = list(client.get(reverse("library:loan-list")).context["open_loans"].object_list)
    assert loans == [request_]
    assert theirs not in loans


def test_my_loans_shows_my_place_in_the_queue(client, on_loan, book, other_member, make_member):
    services.loan_request(resource=book, borrower=make_member())
    services.loan_request(resource=book, borrower=other_member)
    client.force_login(other_member)
    assert (
        "you are number 2 in the queue" in client.get(reverse("library:loan-list")).content.decode()
    )


def test_a_member_cancels_their_request(client, member, request_):
    client.force_login(member)
    client.post(reverse("library:loan-cancel", args=[request_.pk]))
    assert Loan.objects.get(pk=request_.pk).status == Loan.Status.CANCELLED


def test_nobody_can_cancel_someone_elses_request(client, other_member, request_):
    client.force_login(other_member)
    response = client.post(reverse("library:loan-cancel", args=[request_.pk]))
    assert response.status_code == 404
    assert Loan.objects.get(pk=request_.pk).status == Loan.Status.REQUESTED


def test_cancel_and_renew_need_post(client, member, request_):
    client.force_login(member)
    assert client.get(reverse("library:loan-cancel", args=[request_.pk])).status_code == 405


def test_a_member_renews_a_loan(client, member, on_loan):
    client.force_login(member)
    response = client.post(reverse("library:loan-renew", args=[on_loan.pk]), follow=True)
    assert "Renewed: please return it by" in response.content.decode()
    assert Loan.objects.get(pk=on_loan.pk).renewals == 1


def test_renewal_refused_while_someone_waits_says_why(client, member, on_loan, book, other_member):
    services.loan_request(resource=book, borrower=other_member)
    client.force_login(member)
    page = client.get(on_loan.get_absolute_url()).content.decode()
    assert "Someone is waiting for this book" in page
    response = client.post(reverse("library:loan-renew", args=[on_loan.pk]), follow=True)
    assert "Someone is waiting for this book" in response.content.decode()
    assert Loan.objects.get(pk=on_loan.pk).renewals == 0


def test_my_loans_runs_a_fixed_number_of_queries(client, member, django_assert_max_num_queries):
    from tests.library.factories import BookFactory

    for _ in range(3):
        services.loan_request(resource=BookFactory(), borrower=member)
    client.force_login(member)
    with django_assert_max_num_queries(6):
        client.get(reverse("library:loan-list"))
