from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from library import services
from library.models import Loan

today = timezone.localdate


def test_approve_reserves_the_copy_and_tells_the_borrower(
    book, member, django_capture_on_commit_callbacks
):
    loan = services.loan_request(resource=book, borrower=member)
    with django_capture_on_commit_callbacks(execute=True):
        loan = services.loan_approve(loan=loan)
    assert loan.status == Loan.Status.APPROVED
    assert loan.pickup_by == today() + timedelta(days=7)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "is ready for you" in mail.outbox[0].subject


def test_a_waiting_request_cannot_be_approved(on_loan, book, other_member):
    waiting = services.loan_request(resource=book, borrower=other_member)
    with pytest.raises(services.LibraryError, match="queue"):
        services.loan_approve(loan=waiting)


@override_settings(LIBRARY_LOAN_DAYS=21)
def test_collecting_starts_the_loan_with_a_due_date(book, member):
    loan = services.loan_approve(loan=services.loan_request(resource=book, borrower=member))
    loan = services.loan_mark_collected(loan=loan)
    assert loan.status == Loan.Status.ON_LOAN
    assert (loan.loaned_on, loan.due_on) == (today(), today() + timedelta(days=21))


def test_posting_needs_a_postal_request(book, member):
    loan = services.loan_approve(loan=services.loan_request(resource=book, borrower=member))
    with pytest.raises(services.LibraryError, match="collect"):
        services.loan_mark_posted(loan=loan)


def test_returning_offers_the_copy_to_the_first_person_waiting_only(
    on_loan, book, other_member, make_member, django_capture_on_commit_callbacks
):
    first = services.loan_request(resource=book, borrower=other_member)
    second = services.loan_request(resource=book, borrower=make_member())
    with django_capture_on_commit_callbacks(execute=True):
        services.loan_return(loan=on_loan)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Loan.Status.OFFERED
    assert first.copy == on_loan.copy
    assert second.status == Loan.Status.WAITING
    assert [m.to for m in mail.outbox] == [[other_member.email]]


def test_an_offer_not_taken_in_time_passes_to_the_next(
    on_loan, book, other_member, make_member, django_capture_on_commit_callbacks
):
    first = services.loan_request(resource=book, borrower=other_member)
    second = services.loan_request(resource=book, borrower=make_member())
    services.loan_return(loan=on_loan)
    first.refresh_from_db()
    # Not yet: the last day to collect is still open.
    Loan.objects.filter(pk=first.pk).update(pickup_by=today())
    assert services.offer_expire(loan=first) is None
    Loan.objects.filter(pk=first.pk).update(pickup_by=today() - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_expire(loan=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Loan.Status.EXPIRED
    assert second.status == Loan.Status.OFFERED
    assert {tuple(m.to) for m in mail.outbox} == {(other_member.email,), (second.borrower.email,)}


@pytest.mark.parametrize("end", ["return", "decline", "cancel"])
def test_the_postal_address_is_erased_when_the_loan_ends(book, member, end):
    loan = services.loan_request(
        resource=book, borrower=member, delivery="post", postal_address="7 Secret Lane"
    )
    loan = services.loan_approve(loan=loan)
    if end == "return":
        services.loan_return(loan=services.loan_mark_posted(loan=loan))
    elif end == "decline":
        services.loan_decline(loan=loan, reason="Sorry")
    else:
        services.loan_cancel(loan=loan)
    assert not Loan.objects.filter(postal_address__contains="Secret").exists()


def test_a_copy_offered_by_post_waits_for_the_curators_and_never_expires(
    on_loan, book, other_member
):
    offer = services.loan_request(
        resource=book, borrower=other_member, delivery="post", postal_address="7 Secret Lane"
    )
    services.loan_return(loan=on_loan)
    offer.refresh_from_db()
    assert (offer.status, offer.pickup_by) == (Loan.Status.OFFERED, None)
    assert services.offer_expire(loan=offer) is None
    assert services.loan_mark_posted(loan=offer).status == Loan.Status.ON_LOAN


def test_decline_tells_the_borrower_why(book, member, django_capture_on_commit_callbacks):
    loan = services.loan_request(resource=book, borrower=member)
    with django_capture_on_commit_callbacks(execute=True):
        services.loan_decline(loan=loan, reason="One copy per household")
    assert "One copy per household" in mail.outbox[0].body


def test_a_member_cannot_cancel_a_book_already_on_loan(on_loan):
    with pytest.raises(services.LibraryError):
        services.loan_cancel(loan=on_loan)


def test_renewing_moves_the_due_date_on(on_loan):
    renewed = services.loan_renew(loan=on_loan)
    assert renewed.due_on == on_loan.due_on + timedelta(days=28)
    assert renewed.renewals == 1


def test_renewal_is_refused_while_someone_is_waiting(on_loan, book, other_member):
    services.loan_request(resource=book, borrower=other_member)
    with pytest.raises(services.LibraryError, match="waiting"):
        services.loan_renew(loan=on_loan)


@override_settings(LIBRARY_MAX_RENEWALS=1)
def test_renewal_is_refused_past_the_limit(on_loan):
    services.loan_renew(loan=on_loan)
    with pytest.raises(services.LibraryError, match="as many times"):
        services.loan_renew(loan=on_loan)
