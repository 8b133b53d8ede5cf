"""What the library adds to the shared pages: home, account, export, deletion, privacy."""

import json

from django.urls import reverse

from collective.services import user_delete
from library import services
from library.models import Loan, Suggestion
from tests.library.factories import ResourceFactory, SuggestionFactory


def test_the_library_is_in_the_main_navigation(client, db):
    assert 'href="/library/"' in client.get("/").content.decode()


def test_home_shows_new_resources(client, db):
    ResourceFactory(title="Natives")
    ResourceFactory(title="Hidden draft", published=False)
    page = client.get("/").content.decode()
    assert "Natives" in page and "Hidden draft" not in page


def test_account_page_shows_my_loans_with_queue_places(client, on_loan, book, other_member):
    services.loan_request(resource=book, borrower=other_member)
    client.force_login(other_member)
    page = client.get(reverse("account-home")).content.decode()
    assert book.title in page
    assert "you are number 1 in the queue" in page


def test_download_my_data_includes_loans_and_suggestions(client, member, book):
    services.loan_request(resource=book, borrower=member, delivery="post", postal_address="1 Rd")
    SuggestionFactory(suggested_by=member, title="My idea")
    client.force_login(member)
    data = json.loads(b"".join([client.get(reverse("account-export")).content]))
    library = data["library"]
    assert library["loans"][0]["title"] == book.title
    assert library["loans"][0]["postal_address"] == "1 Rd"
    assert library["suggestions"][0]["title"] == "My idea"


def test_deleting_an_account_cancels_requests_and_anonymises_history(
    member, other_member, book, make_member
):
    from tests.library.factories import BookFactory

    other_book = BookFactory()
    returned = services.loan_mark_collected(
        loan=services.loan_request(resource=other_book, borrower=member)
    )
    services.loan_return(loan=returned)
    request = services.loan_request(
        resource=book, borrower=member, delivery="post", postal_address="1 Rd"
    )
    waiting = services.loan_request(resource=book, borrower=other_member)
    SuggestionFactory(suggested_by=member, name="Mo")
    user_delete(user=member)
    request.refresh_from_db()
    assert request.status == Loan.Status.CANCELLED
    assert request.postal_address == ""
    # The freed copy goes to the next person waiting.
    assert Loan.objects.get(pk=waiting.pk).status == Loan.Status.OFFERED
    assert not Loan.objects.filter(borrower_email="member@example.org").exists()
    assert Loan.objects.filter(anonymised=True).count() == 2
    assert Suggestion.objects.get().name == ""


def test_a_book_still_on_loan_keeps_a_contact_after_the_account_is_deleted(on_loan, member):
    user_delete(user=member)
    loan = Loan.objects.get(pk=on_loan.pk)
    assert (loan.status, loan.borrower, loan.borrower_email) == (
        "on_loan",
        None,
        "member@example.org",
    )


def test_privacy_and_deletion_pages_explain_the_library(client, member):
    privacy = client.get(reverse("privacy")).content.decode()
    assert "Library of Resources" in privacy and "90 days after a loan ends" in privacy
    client.force_login(member)
    assert "Your library requests" in client.get(reverse("account-delete")).content.decode()
