import pytest

from library import services
from tests.factories import UserFactory
from tests.library.factories import BookFactory


@pytest.fixture
def book(db):
    return BookFactory(title="Natives: Race and Class in the Ruins of Empire", creators="Akala")


@pytest.fixture
def make_member(db):
    return lambda **kw: UserFactory(**kw)


@pytest.fixture
def on_loan(book, member):
    """`member` has `book` (its only copy) on loan."""
    loan = services.loan_request(resource=book, borrower=member)
    return services.loan_mark_collected(loan=loan)
