"""Twenty people ask for the last copy at the same moment (real threads, real PostgreSQL)."""

import pytest

from library import services
from library.models import Loan
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.factories import UserFactory
from tests.library.factories import BookFactory


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_for_one_free_copy_reserve_it_once_and_queue_the_rest():
    require_postgres()
    book = BookFactory(copies=1)
    members = [UserFactory() for _ in range(20)]
    run_together(
        *[lambda m=member: services.loan_request(resource=book, borrower=m) for member in members]
    )
    holding = Loan.objects.filter(resource=book, status__in=Loan.HOLDING)
    assert holding.count() == 1
    assert holding.get().status == Loan.Status.REQUESTED
    queue = list(Loan.objects.queue(book).with_queue_place())
    assert len(queue) == 19
    # In arrival order: each got the lock after the one before, so ids and times agree, and
    # each member's place is one more than the last.
    assert [loan.people_ahead for loan in queue] == list(range(19))
    assert [loan.pk for loan in queue] == sorted(loan.pk for loan in queue)
    assert holding.get().pk < queue[0].pk
