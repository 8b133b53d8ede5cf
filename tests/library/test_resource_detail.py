from django.urls import reverse

from library import services
from tests.library.factories import BookFactory, CopyFactory, ResourceFactory


def _page(client, resource):
    return client.get(reverse("library:resource-detail", args=[resource.pk])).content.decode()


def test_everyone_can_read_a_published_resource(check_access, cast, db):
    check_access([ResourceFactory().get_absolute_url()], allowed=set(cast))


def test_an_unpublished_resource_is_not_found(client, db):
    response = client.get(ResourceFactory(published=False).get_absolute_url())
    assert response.status_code == 404


def test_a_free_copy_can_be_borrowed_now(client, db):
    page = _page(client, BookFactory(copies=2))
    assert "Available now:" in page
    assert "2 of 2 copies free" in page


def test_when_all_copies_are_out_it_says_how_long_the_wait_is(client, on_loan, book, other_member):
    services.loan_request(resource=book, borrower=other_member)
    page = _page(client, book)
    assert "All copies are out." in page
    assert "1 person is waiting." in page
    assert f"due back on {on_loan.due_on:%-d %B %Y}" in page


def test_a_member_sees_their_own_place_in_the_queue(client, on_loan, book, other_member):
    services.loan_request(resource=book, borrower=other_member)
    client.force_login(other_member)
    assert "you are number 1 in the queue" in _page(client, book)


def test_visitors_are_asked_to_log_in_to_borrow(client, book):
    assert "Sign in</a>" in _page(client, book)


def test_withdrawn_copies_do_not_count_as_available(client, db):
    book = BookFactory(copies=0)
    CopyFactory(resource=book, withdrawn=True)
    page = _page(client, book)
    assert "Borrow it" not in page


def test_an_article_has_no_borrowing_section(client, db):
    assert "Borrow it" not in _page(client, ResourceFactory(kind="article"))


def test_the_page_says_which_language_the_resource_is_in(client, db):
    page = _page(client, ResourceFactory(title="موسم الهجرة إلى الشمال", language="ar"))
    assert "<dt>Language</dt><dd>Arabic</dd>" in page
    assert '<h1 lang="ar" dir="auto">موسم الهجرة إلى الشمال</h1>' in page
