import pytest
from django.db import connection
from django.urls import reverse

from library.models import Resource
from tests.library.factories import ResourceFactory, ThemeFactory

URL = reverse("library:resource-list")


def _titles(response):
    return [resource.title for resource in response.context["page"].object_list]


def test_everyone_can_browse_the_library(check_access, cast, db):
    check_access([URL, URL + "?q=race"], allowed=set(cast))


def test_only_published_resources_are_listed(client, db):
    ResourceFactory(title="Out in the open")
    ResourceFactory(title="Still a draft", published=False)
    assert _titles(client.get(URL)) == ["Out in the open"]


def test_filter_by_kind_and_theme(client, db):
    allyship = ThemeFactory(name="Allyship", slug="allyship")
    ResourceFactory(title="A film on allyship", kind="film", themes=[allyship])
    ResourceFactory(title="A book on allyship", kind="book", themes=[allyship])
    ResourceFactory(title="A film on history", kind="film")
    assert _titles(client.get(URL, {"kind": "film", "theme": "allyship"})) == ["A film on allyship"]
    response = client.get(URL, {"theme": "allyship"})
    assert _titles(response) == ["A book on allyship", "A film on allyship"]
    assert "Allyship" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "spaceship"},
        {"theme": "no-such-theme"},
        {"page": "banana"},
        {"page": "99999"},
        {"q": "x" * 100_000},
        {"q": "<script>alert(1)</script>"},
        {"q": "\x00\u202e\U0001f600 ' \" & | ! :*"},
        {"q": "   "},
    ],
)
def test_odd_input_never_breaks_the_page(client, db, params):
    ResourceFactory()
    response = client.get(URL, params)
    # A NUL in the address is refused before any query, with the friendly 400 page.
    assert response.status_code == (400 if "\x00" in params.get("q", "") else 200)
    assert b"<script>alert(1)</script>" not in response.content


def test_search_finds_words_in_title_creators_and_description(client, db):
    ResourceFactory(title="Natives", creators="Akala", description="Race and class in Britain")
    ResourceFactory(title="Small Axe", creators="Steve McQueen", description="Five films")
    assert _titles(client.get(URL, {"q": "akala"})) == ["Natives"]
    assert _titles(client.get(URL, {"q": "class"})) == ["Natives"]
    assert _titles(client.get(URL, {"q": "McQueen"})) == ["Small Axe"]


def test_search_without_results_says_so_kindly(client, db):
    ResourceFactory(title="Natives")
    response = client.get(URL, {"q": "zebra"})
    assert _titles(response) == []
    assert "Nothing matches" in response.content.decode()


def test_search_ranks_title_matches_first_on_postgresql(client, db):
    if connection.vendor != "postgresql":
        pytest.skip("relevance ranking needs PostgreSQL full-text search")
    ResourceFactory(title="A history of Britain", description="Mentions racism once.")
    ResourceFactory(title="Racism explained", description="A short introduction.")
    assert _titles(client.get(URL, {"q": "racism"})) == ["Racism explained", "A history of Britain"]


def test_pages_of_twenty_keep_the_filters(client, db):
    ResourceFactory.create_batch(25, kind="video")
    response = client.get(URL, {"kind": "video"})
    assert len(_titles(response)) == 20
    assert "kind=video&amp;page=2" in response.content.decode()
    assert len(_titles(client.get(URL, {"kind": "video", "page": 2}))) == 5


def _make(n):
    theme = ThemeFactory()
    Resource.objects.bulk_create(
        Resource(title=f"Resource about race number {i}", description="race and class")
        for i in range(n)
    )
    for resource in Resource.objects.all()[:30]:
        resource.themes.add(theme)
    Resource.objects.update(published=True)


@pytest.mark.parametrize("size", [10, 5000])
@pytest.mark.parametrize(
    "params",
    [{}, {"q": "race"}, {"q": "race", "kind": "book", "page": 2}, {"language": "en", "page": 2}],
)
def test_list_and_search_run_a_fixed_number_of_queries(
    client, member, django_assert_max_num_queries, size, params
):
    _make(size)
    client.force_login(member)
    with django_assert_max_num_queries(8):
        response = client.get(URL, params)
    assert response.status_code == 200


def test_search_results_say_whether_a_book_can_be_borrowed_now(client, db):
    from library import services
    from tests.factories import UserFactory
    from tests.library.factories import BookFactory

    BookFactory(title="Free book", copies=1)
    busy = BookFactory(title="Busy book", copies=1)
    ResourceFactory(title="A video")
    for _ in range(3):  # one gets the copy, two wait
        services.loan_request(resource=busy, borrower=UserFactory())
    page = client.get(URL, {"q": "book"}).content.decode()
    free_card = page.split("Free book")[1].split("</article>")[0]
    busy_card = page.split("Busy book")[1].split("</article>")[0]
    assert "Available to borrow now" in free_card
    assert "All copies are out" in busy_card and "2 waiting" in busy_card
    video_card = client.get(URL).content.decode().split("A video")[1].split("</article>")[0]
    assert "borrow" not in video_card


def test_filter_by_language(client, db):
    ResourceFactory(title="Ten Inny", language="pl")
    ResourceFactory(title="An English book")
    ResourceFactory(title="Unpublished Polish draft", language="pl", published=False)
    response = client.get(URL, {"language": "pl"})
    assert _titles(response) == ["Ten Inny"]
    page = response.content.decode()
    assert '<option value="pl" selected>Polish</option>' in page
    assert "1 resource · Polish" in " ".join(page.split())
    assert 'lang="pl"' in page  # the title is read out in its own language


def test_language_filter_offers_only_languages_in_the_catalogue(client, db):
    ResourceFactory(language="ar")
    ResourceFactory(language="en")
    ResourceFactory(language="pl", published=False)
    choices = dict(client.get(URL).context["form"].fields["language"].choices)
    assert choices == {"": "Any language", "ar": "Arabic", "en": "English"}


def test_language_filter_keeps_other_filters_and_pages(client, db):
    ResourceFactory.create_batch(25, kind="video", language="ar")
    ResourceFactory(kind="video", language="en")
    response = client.get(URL, {"kind": "video", "language": "ar"})
    assert len(_titles(response)) == 20
    assert "kind=video&amp;language=ar&amp;page=2" in response.content.decode()
    assert len(_titles(client.get(URL, {"kind": "video", "language": "ar", "page": 2}))) == 5


@pytest.mark.parametrize("value", ["xx", "EN", "english", "<b>", "x" * 10_000])
def test_an_unknown_language_is_ignored_like_the_other_filters(client, db, value):
    ResourceFactory(title="Ten Inny", language="pl")
    ResourceFactory(title="An English book")
    response = client.get(URL, {"language": value})
    assert response.status_code == 200
    assert _titles(response) == ["An English book", "Ten Inny"]
