from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

from library import services, tasks
from library.models import Loan


def _ended_days_ago(loan, days):
    Loan.objects.filter(pk=loan.pk).update(ended_on=timezone.localdate() - timedelta(days=days))


@override_settings(LIBRARY_ANONYMISE_AFTER_DAYS=90)
def test_a_returned_loan_is_anonymised_after_the_period_and_still_counted(on_loan, book, member):
    services.loan_return(loan=on_loan)
    _ended_days_ago(on_loan, 89)
    tasks.anonymise_old_loans()
    assert Loan.objects.filter(borrower=member).count() == 1
    _ended_days_ago(on_loan, 90)
    tasks.anonymise_old_loans()
    loan = Loan.objects.get(pk=on_loan.pk)
    assert (loan.borrower, loan.borrower_name, loan.borrower_email) == (None, "", "")
    assert loan.anonymised
    # The count of times the book was lent survives.
    assert Loan.objects.filter(resource=book, status=Loan.Status.RETURNED).count() == 1


def test_a_loan_on_loan_is_never_anonymised(on_loan, member):
    Loan.objects.filter(pk=on_loan.pk).update(loaned_on=timezone.localdate() - timedelta(days=999))
    tasks.anonymise_old_loans()
    assert Loan.objects.get(pk=on_loan.pk).borrower == member


def test_someone_without_an_account_is_anonymised_too(book):
    loan = services.loan_request(
        resource=book, borrower_name="Grace", borrower_email="g@example.org"
    )
    services.loan_decline(loan=loan, reason="No")
    _ended_days_ago(loan, 400)
    tasks.anonymise_old_loans()
    assert not Loan.objects.filter(borrower_email="g@example.org").exists()
    assert not Loan.objects.filter(decline_reason="No").exists()
