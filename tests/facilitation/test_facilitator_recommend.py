"""Recommending a facilitator: the form, and one facilitator however many members recommend them."""

import pytest
from django.urls import reverse

from facilitation.models import Facilitator, Recommendation
from tests.facilitation.factories import FacilitatorFactory, RecommendationFactory

URL = reverse("facilitation:recommend")


def _form(**overrides):
    data = {
        "name": "Adaeze Okafor",
        "organisation": "Common Ground",
        "website": "https://commonground.example.org/adaeze/",
        "areas": ["allyship", "microaggressions"],
        "how_known": "She ran a workshop I went to.",
        "why": "She made everyone feel able to speak.",
        "contact_email": "adaeze@commonground.example.org",
        "contact_phone": "+44 20 7946 0000",
    }
    data.update(overrides)
    return data


def test_visitor_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_member_recommends_a_new_facilitator(as_user, member):
    response = as_user(member).post(URL, _form(), follow=True)
    facilitator = Facilitator.objects.get()
    assert facilitator.name == "Adaeze Okafor"
    assert facilitator.status == Facilitator.Status.RECOMMENDED
    assert facilitator.areas == ["allyship", "microaggressions"]
    assert facilitator.contact_email == "adaeze@commonground.example.org"
    recommendation = Recommendation.objects.get()
    assert recommendation.member == member
    assert recommendation.why == "She made everyone feel able to speak."
    assert "Thank you for recommending Adaeze Okafor" in response.content.decode()


@pytest.mark.parametrize(
    "duplicate",
    [
        # The same website written differently (scheme, www, trailing slash, case).
        {
            "name": "A. Okafor",
            "website": "http://www.CommonGround.example.org/adaeze",
            "contact_email": "",
        },
        # The same e-mail address, in another case.
        {"name": "Dr Okafor", "website": "", "contact_email": "ADAEZE@commonground.example.org"},
        # The same name with other spaces and capitals.
        {"name": "  adaeze   OKAFOR ", "website": "", "contact_email": ""},
    ],
    ids=["website", "email", "name"],
)
def test_second_recommendation_of_the_same_facilitator_joins_the_first(
    as_user, member, other_member, duplicate
):
    as_user(member).post(URL, _form())
    response = as_user(other_member).post(URL, _form(**duplicate), follow=True)
    facilitator = Facilitator.objects.get()
    assert facilitator.name == "Adaeze Okafor"
    assert set(facilitator.recommendations.values_list("member", flat=True)) == {
        member.pk,
        other_member.pk,
    }
    assert "had already been recommended by another member" in response.content.decode()


def test_joining_an_existing_facilitator_fills_in_missing_details(member, other_member):
    existing = FacilitatorFactory(name="Tomás Reyes", organisation="", contact_phone="", areas=[])
    RecommendationFactory(facilitator=existing, member=member)
    from facilitation.services import facilitator_recommend

    facilitator_recommend(
        member=other_member,
        name="Tomás Reyes",
        organisation="Open Circle",
        areas=["anti_racism"],
        contact_phone="01234 567890",
        how_known="Conference.",
        why="Clear.",
    )
    existing.refresh_from_db()
    assert existing.organisation == "Open Circle"
    assert existing.contact_phone == "01234 567890"
    assert existing.areas == ["anti_racism"]


def test_member_cannot_recommend_the_same_facilitator_twice(as_user, member):
    as_user(member).post(URL, _form())
    response = as_user(member).post(URL, _form(why="Changed my mind about why."))
    assert response.status_code == 200
    assert "You have already recommended Adaeze Okafor" in response.content.decode()
    assert Recommendation.objects.count() == 1
    assert "Changed my mind about why." in response.content.decode()  # kept what they typed


def test_missing_fields_are_explained_and_the_typing_is_kept(as_user, member):
    response = as_user(member).post(URL, _form(name="   ", areas=[], why="Kept text"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert 'href="#id_name"' in html
    assert 'href="#id_areas_0"' in html and 'id="id_areas_0"' in html
    assert "Choose all that apply" in html
    assert "This field is required" in html
    assert "Kept text" in html
    assert Facilitator.objects.count() == 0


@pytest.mark.parametrize(
    "field,value",
    [
        ("name", "x" * 5000),
        ("why", "y" * 10_000),
        ("website", "not a web address"),
        ("contact_email", "nobody-at-example"),
        ("contact_phone", "call me maybe"),
        ("areas", ["no-such-area"]),
        ("name", "nul\x00byte"),
    ],
)
def test_bad_input_gets_a_message_not_a_server_error(as_user, member, field, value):
    response = as_user(member).post(URL, _form(**{field: value}))
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Facilitator.objects.count() == 0


def test_html_and_odd_unicode_are_stored_as_text_and_escaped(as_user, member):
    name = "<script>alert(1)</script> Zoë 👩🏽‍🏫 \u202eRTL"
    as_user(member).post(URL, _form(name=name, website="", contact_email=""))
    facilitator = Facilitator.objects.get()
    assert facilitator.name == name
    html = as_user(member).get(reverse("facilitation:my-recommendations")).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_different_people_stay_different(member, other_member):
    from facilitation.services import facilitator_recommend

    facilitator_recommend(member=member, name="Sam Lee", how_known="a", why="b")
    facilitator_recommend(member=other_member, name="Sam Leeds", how_known="a", why="b")
    assert Facilitator.objects.count() == 2


def test_new_recommendation_never_joins_through_a_blank_field(member, other_member):
    from facilitation.services import facilitator_recommend

    facilitator_recommend(member=member, name="First Person", how_known="a", why="b")
    facilitator_recommend(member=other_member, name="Second Person", how_known="a", why="b")
    assert Facilitator.objects.count() == 2


def test_details_that_identify_another_facilitator_are_not_copied(member, other_member):
    from facilitation.services import facilitator_recommend

    by_name = FacilitatorFactory(name="Jordan Blake", website="")
    FacilitatorFactory(name="Someone Else", website="https://jb.example.org")
    RecommendationFactory(facilitator=by_name, member=member)
    recommendation, existed = facilitator_recommend(
        member=other_member,
        name="Jordan Blake",
        website="https://jb.example.org",
        how_known="a",
        why="b",
    )
    assert existed and recommendation.facilitator == by_name
    by_name.refresh_from_db()
    assert by_name.website == ""  # still by_site's; a coordinator can merge the two
    assert Facilitator.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_members_recommending_a_new_facilitator_at_once_make_one_record():
    from facilitation.services import facilitator_recommend
    from tests.concurrency import run_together
    from tests.conftest import require_postgres
    from tests.factories import UserFactory

    require_postgres()
    people = [UserFactory() for _ in range(4)]
    run_together(
        *[
            lambda person=person: facilitator_recommend(
                member=person, name="Brand New Person", how_known="a", why="b"
            )
            for person in people
        ]
    )
    facilitator = Facilitator.objects.get()
    assert facilitator.recommendations.count() == 4
