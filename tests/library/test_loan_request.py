import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from library import services
from library.models import Loan
from tests.library.factories import BookFactory, CopyFactory, ResourceFactory


def test_a_free_copy_is_held_for_the_request(book, member):
    loan = services.loan_request(resource=book, borrower=member)
    assert loan.status == Loan.Status.REQUESTED
    assert loan.copy == book.copies.get()


def test_with_no_free_copy_the_request_joins_the_queue(on_loan, book, other_member):
    loan = services.loan_request(resource=book, borrower=other_member)
    assert loan.status == Loan.Status.WAITING
    assert loan.copy is None


def test_withdrawn_copies_lend_nothing(member):
    book = BookFactory(copies=0)
    CopyFactory(resource=book, withdrawn=True)
    with pytest.raises(services.LibraryError, match="no copy"):
        services.loan_request(resource=book, borrower=member)


def test_a_resource_without_copies_cannot_be_requested(member):
    with pytest.raises(services.LibraryError):
        services.loan_request(resource=ResourceFactory(), borrower=member)


def test_an_unpublished_book_cannot_be_requested(member):
    book = BookFactory(published=False)
    with pytest.raises(services.LibraryError):
        services.loan_request(resource=book, borrower=member)


def test_asking_twice_for_the_same_title_is_refused(book, member):
    services.loan_request(resource=book, borrower=member)
    with pytest.raises(services.LibraryError, match="already asked"):
        services.loan_request(resource=book, borrower=member)


def test_the_database_refuses_a_second_open_request_for_a_title(book, member):
    services.loan_request(resource=book, borrower=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(resource=book, borrower=member, status=Loan.Status.WAITING)


def test_the_database_refuses_two_active_loans_of_one_copy(on_loan, book, other_member):
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.create(
            resource=book, copy=on_loan.copy, borrower=other_member, status=Loan.Status.APPROVED
        )


def test_the_database_refuses_an_address_on_an_ended_loan(on_loan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Loan.objects.filter(pk=on_loan.pk).update(status="returned", postal_address="1 Road")


@override_settings(LIBRARY_MAX_ACTIVE_LOANS=2)
def test_a_member_cannot_pass_the_limit_of_active_loans(member):
    for _ in range(2):
        services.loan_request(resource=BookFactory(), borrower=member)
    with pytest.raises(services.LibraryError, match="up to 2"):
        services.loan_request(resource=BookFactory(), borrower=member)


def test_posting_needs_an_address(book, member):
    with pytest.raises(services.LibraryError, match="postal address"):
        services.loan_request(resource=book, borrower=member, delivery="post", postal_address=" ")


def test_an_address_is_not_kept_when_the_book_is_collected(book, member):
    loan = services.loan_request(
        resource=book, borrower=member, delivery="collect", postal_address="1 Road"
    )
    assert loan.postal_address == ""


def test_staff_can_record_a_request_for_someone_without_an_account(book):
    loan = services.loan_request(
        resource=book, borrower_name="Grace", borrower_email="grace@example.org"
    )
    assert (loan.borrower, loan.who, loan.contact_email) == (None, "Grace", "grace@example.org")
    with pytest.raises(services.LibraryError):
        services.loan_request(
            resource=book, borrower_name="Grace", borrower_email="GRACE@example.org"
        )


def test_a_new_request_does_not_jump_the_queue_when_a_copy_is_added(
    on_loan, book, other_member, make_member
):
    waiting = services.loan_request(resource=book, borrower=other_member)
    # A copy added outside the admin (which would offer it at once) must not go to a newcomer.
    CopyFactory(resource=book)
    late = services.loan_request(resource=book, borrower=make_member())
    assert late.status == Loan.Status.WAITING
    services.copies_offer(resource=book)
    waiting.refresh_from_db()
    assert waiting.status == Loan.Status.OFFERED
