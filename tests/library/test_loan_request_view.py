from django.test import override_settings
from django.urls import reverse

from library.models import Loan
from tests.library.factories import BookFactory, ResourceFactory


def _url(book):
    return reverse("library:loan-request", args=[book.pk])


def test_members_only_can_ask_to_borrow(check_access, book, cast):
    check_access([_url(book)], allowed=set(cast) - {"visitor"})


def test_a_member_asks_for_a_book_by_post(client, member, book):
    client.force_login(member)
    response = client.post(_url(book), {"delivery": "post", "postal_address": "1 Road\nLeeds"})
    loan = Loan.objects.get(borrower=member)
    assert response.status_code == 302
    assert response.url == loan.get_absolute_url()
    assert (loan.status, loan.delivery, loan.postal_address) == (
        "requested",
        "post",
        "1 Road\nLeeds",
    )


def test_posting_without_an_address_shows_the_error_and_keeps_the_choice(client, member, book):
    client.force_login(member)
    response = client.post(_url(book), {"delivery": "post", "postal_address": "   "})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_postal_address"' in page
    assert response.context["form"]["delivery"].value() == "post"
    assert not Loan.objects.exists()


def test_asking_again_leads_to_the_request_already_made(client, member, book):
    client.force_login(member)
    client.post(_url(book), {"delivery": "collect"})
    response = client.post(_url(book), {"delivery": "collect"}, follow=True)
    assert "You have already asked to borrow this book." in response.content.decode()
    assert response.redirect_chain[-1][0] == Loan.objects.get().get_absolute_url()


@override_settings(LIBRARY_MAX_ACTIVE_LOANS=1)
def test_a_refusal_is_shown_on_the_form(client, member, book):
    client.force_login(member)
    client.post(_url(BookFactory()), {"delivery": "collect"})
    response = client.post(_url(book), {"delivery": "collect"})
    assert "You can have up to 1 loans" in response.content.decode()
    assert Loan.objects.count() == 1


def test_there_is_no_borrowing_form_for_a_resource_we_cannot_lend(client, member):
    client.force_login(member)
    assert client.get(_url(ResourceFactory(kind="video"))).status_code == 404


def test_a_huge_address_gets_a_message_not_an_error(client, member, book):
    client.force_login(member)
    response = client.post(_url(book), {"delivery": "post", "postal_address": "x" * 100_000})
    assert response.status_code == 200
    assert "at most 500 characters" in response.content.decode()


def test_with_every_copy_out_the_member_joins_the_queue(client, on_loan, book, other_member):
    client.force_login(other_member)
    response = client.post(_url(book), {"delivery": "collect"}, follow=True)
    assert "you are in the queue" in response.content.decode()
