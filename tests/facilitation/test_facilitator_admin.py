"""Coordinators review facilitators in the admin; other staff cannot see them at all."""

from django.urls import reverse

from facilitation.models import Facilitator
from tests.facilitation.factories import FacilitatorFactory, RecommendationFactory

CHANGELIST = reverse("admin:facilitation_facilitator_changelist")


def _action(client, action, facilitators, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [f.pk for f in facilitators], **extra},
        follow=True,
    )


def test_only_coordinators_reach_the_facilitators_admin(check_admin_access, coordinators):
    facilitator = FacilitatorFactory()
    change = reverse("admin:facilitation_facilitator_change", args=[facilitator.pk])
    check_admin_access([CHANGELIST, change], allowed=coordinators)


def test_changelist_counts_recommendations_in_a_fixed_number_of_queries(
    as_user, facilitation_coordinator, django_assert_max_num_queries
):
    client = as_user(facilitation_coordinator)
    popular = FacilitatorFactory(name="Popular Person")
    for _ in range(3):
        RecommendationFactory(facilitator=popular)
    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST)
    assert response.context["cl"].result_list.get(pk=popular.pk)._recommendations == 3
    for _ in range(15):
        RecommendationFactory()
    with django_assert_max_num_queries(12):
        client.get(CHANGELIST)


def test_change_page_shows_members_reasons_and_contact_details(as_user, facilitation_coordinator):
    facilitator = FacilitatorFactory(contact_email="private@example.org", notes="Fees: ask.")
    RecommendationFactory(facilitator=facilitator, why="Reason one", how_known="Workshop")
    RecommendationFactory(facilitator=facilitator, why="Reason two")
    url = reverse("admin:facilitation_facilitator_change", args=[facilitator.pk])
    html = as_user(facilitation_coordinator).get(url).content.decode()
    for text in ["Reason one", "Reason two", "Workshop", "private@example.org", "Fees: ask."]:
        assert text in html


def test_status_actions_move_facilitators_one_step(as_user, facilitation_coordinator):
    client = as_user(facilitation_coordinator)
    facilitator = FacilitatorFactory()
    steps = [
        ("move_to_under_review", "under_review"),
        ("move_to_shortlisted", "shortlisted"),
        ("move_to_contacted", "contacted"),
        ("move_to_engaged", "engaged"),
    ]
    for action, status in steps:
        response = _action(client, action, [facilitator])
        facilitator.refresh_from_db()
        assert facilitator.status == status
        assert "moved to" in response.content.decode()


def test_a_step_cannot_be_skipped(as_user, facilitation_coordinator):
    facilitator = FacilitatorFactory()
    response = _action(as_user(facilitation_coordinator), "move_to_engaged", [facilitator])
    facilitator.refresh_from_db()
    assert facilitator.status == Facilitator.Status.RECOMMENDED
    assert "cannot move to engaged" in response.content.decode()


def test_not_taken_forward_asks_for_a_reason(as_user, facilitation_coordinator):
    client = as_user(facilitation_coordinator)
    facilitator = FacilitatorFactory(status="under_review")
    page = _action(client, "not_taken_forward", [facilitator])
    assert "Why they are not taken forward" in page.content.decode()
    empty = _action(client, "not_taken_forward", [facilitator], apply="1", reason="")
    assert "This field is required" in empty.content.decode()
    facilitator.refresh_from_db()
    assert facilitator.status == Facilitator.Status.UNDER_REVIEW
    _action(client, "not_taken_forward", [facilitator], apply="1", reason="Fully booked.")
    facilitator.refresh_from_db()
    assert facilitator.status == Facilitator.Status.NOT_TAKEN_FORWARD
    assert facilitator.not_taken_forward_reason == "Fully booked."


def test_merge_action_merges_two_records(as_user, facilitation_coordinator, member, other_member):
    first = FacilitatorFactory(name="Tomás Reyes")
    second = FacilitatorFactory(name="Tomas Reyes")
    RecommendationFactory(facilitator=first, member=member)
    RecommendationFactory(facilitator=second, member=other_member)
    response = _action(as_user(facilitation_coordinator), "merge", [first, second])
    assert "Merged" in response.content.decode()
    assert list(Facilitator.objects.all()) == [first]
    assert first.recommendations.count() == 2


def test_merge_action_needs_exactly_two(as_user, facilitation_coordinator):
    facilitators = [FacilitatorFactory() for _ in range(3)]
    response = _action(as_user(facilitation_coordinator), "merge", facilitators)
    assert "Select exactly two" in response.content.decode()
    assert Facilitator.objects.count() == 3


def test_coordinator_edits_private_notes_but_not_the_status_directly(
    as_user, facilitation_coordinator
):
    facilitator = FacilitatorFactory(status="recommended")
    url = reverse("admin:facilitation_facilitator_change", args=[facilitator.pk])
    as_user(facilitation_coordinator).post(
        url,
        {
            "name": facilitator.name,
            "organisation": "",
            "website": "",
            "areas": ["other"],
            "contact_email": "",
            "contact_phone": "",
            "notes": "Called on Monday.",
            "status": "engaged",
            "recommendations-TOTAL_FORMS": "0",
            "recommendations-INITIAL_FORMS": "0",
        },
    )
    facilitator.refresh_from_db()
    assert facilitator.notes == "Called on Monday."
    assert facilitator.areas == ["other"]
    assert facilitator.status == Facilitator.Status.RECOMMENDED


def test_admin_refuses_a_second_record_of_the_same_facilitator(as_user, facilitation_coordinator):
    FacilitatorFactory(name="Adaeze Okafor", website="https://ao.example.org")
    response = as_user(facilitation_coordinator).post(
        reverse("admin:facilitation_facilitator_add"),
        {
            "name": "Someone",
            "website": "http://www.ao.example.org/",
            "contact_email": "",
            "contact_phone": "",
            "organisation": "",
            "notes": "",
            "recommendations-TOTAL_FORMS": "0",
            "recommendations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "This looks like the same facilitator as" in response.content.decode()
    assert Facilitator.objects.count() == 1
