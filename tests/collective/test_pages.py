import pytest
from django.urls import reverse

PAGES = ["home", "about", "privacy", "contact"]


@pytest.mark.parametrize("name", PAGES)
def test_public_pages_are_open_to_everyone(check_access, name, cast):
    roles = set(cast)
    check_access([reverse(name)], allowed=roles)


def test_home_explains_the_four_areas(client, db):
    response = client.get(reverse("home"))
    for area in [
        "Surveys",
        "Library of Resources",
        "Facilitated discussions",
        "Anonymous feedback",
    ]:
        assert area in response.content.decode()


def test_every_page_has_the_contact_address_in_its_footer(client, db):
    for name in PAGES:
        assert b"coproduction@ucl.ac.uk" in client.get(reverse(name)).content


def test_unknown_address_gets_the_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We cannot find that page" in response.content


def test_health_check_answers_ok(client, db):
    assert client.get("/healthz").content == b"ok"
