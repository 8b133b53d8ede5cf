"""Members see the shortlist and who was engaged, never contact details or coordinators' notes."""

from django.urls import reverse

from facilitation.models import Facilitator
from tests.facilitation.factories import FacilitatorFactory, RecommendationFactory

URL = reverse("facilitation:facilitator-list")


def _shortlisted():
    facilitator = FacilitatorFactory(
        name="Priya Natarajan",
        organisation="Kinship Learning",
        areas=["anti_racism", "lived_experience"],
        status=Facilitator.Status.SHORTLISTED,
        contact_email="priya.private@kinship.example.org",
        contact_phone="07700 900123",
        notes="Coordinators only: asked about fees.",
    )
    RecommendationFactory(
        facilitator=facilitator,
        why="Warm and practical with big groups.",
        how_known="She trained my team at Acme.",
    )
    return facilitator


def test_every_signed_in_person_may_read_the_shortlist(check_access, cast):
    check_access([URL], allowed=set(cast))


def test_a_visitor_gets_a_start_page_without_the_shortlist(client, db):
    facilitator = FacilitatorFactory(status="shortlisted")
    page = client.get(URL).content.decode()
    assert "The shortlist of facilitators" in page and "Create an account" in page
    assert facilitator.name not in page


def test_shortlist_shows_what_members_may_see_and_nothing_private(cast, as_user):
    _shortlisted()
    for role, user in cast.items():
        if user is None:
            continue
        html = as_user(user).get(URL).content.decode()
        assert "Priya Natarajan" in html, role
        assert "Kinship Learning" in html, role
        assert "Anti-racism, Lived experience" in html, role
        assert "Warm and practical with big groups." in html, role
        # Private, whoever is looking (coordinators use the admin for these):
        assert "priya.private@kinship.example.org" not in html, role
        assert "07700 900123" not in html, role
        assert "asked about fees" not in html, role
        assert "She trained my team" not in html, role


def test_engaged_facilitators_are_listed_apart_from_the_shortlist(as_user, member):
    FacilitatorFactory(name="Adaeze Okafor", status=Facilitator.Status.ENGAGED)
    FacilitatorFactory(name="Tomás Reyes", status=Facilitator.Status.CONTACTED)
    html = as_user(member).get(URL).content.decode()
    engaged, shortlisted = html.split("<h2>Shortlisted</h2>")
    assert "Adaeze Okafor" in engaged
    assert "Tomás Reyes" in shortlisted


def test_facilitators_not_yet_shortlisted_are_not_shown(as_user, member):
    for status in ["recommended", "under_review", "not_taken_forward"]:
        FacilitatorFactory(name=f"Hidden {status}", status=status)
    html = as_user(member).get(URL).content.decode()
    assert "Hidden" not in html
    assert "Nobody is on the shortlist yet" in html
    assert "We have not engaged a facilitator yet" in html


def test_recommenders_names_are_not_shown(as_user, member, other_member):
    facilitator = _shortlisted()
    RecommendationFactory(facilitator=facilitator, member=other_member)
    html = as_user(member).get(URL).content.decode()
    assert other_member.display_name not in html
    assert other_member.email not in html


def test_the_list_runs_a_fixed_number_of_queries(as_user, member, django_assert_max_num_queries):
    client = as_user(member)

    def add(count):
        for _ in range(count):
            RecommendationFactory(facilitator=FacilitatorFactory(status="shortlisted"))

    add(2)
    with django_assert_max_num_queries(6):
        client.get(URL)
    add(20)
    with django_assert_max_num_queries(6):
        # A page at a time: 20 of the 22.
        assert client.get(URL).content.decode().count("card-body") == 20
