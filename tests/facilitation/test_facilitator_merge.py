import pytest
from django.core.exceptions import ValidationError

from facilitation.models import Facilitator, Recommendation
from facilitation.services import facilitator_merge
from tests.facilitation.factories import FacilitatorFactory, RecommendationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_merge_moves_recommendations_and_deletes_the_duplicate(member, other_member):
    keep = FacilitatorFactory(name="Adaeze Okafor", notes="Met her in May.")
    duplicate = FacilitatorFactory(name="A. Okafor", notes="She charges a day rate.")
    RecommendationFactory(facilitator=keep, member=member)
    RecommendationFactory(facilitator=duplicate, member=other_member, why="Other's reason")
    session = SessionFactory(facilitator=duplicate)

    merged = facilitator_merge(keep=keep, duplicate=duplicate)

    assert not Facilitator.objects.filter(pk=duplicate.pk).exists()
    assert set(merged.recommendations.values_list("member", flat=True)) == {
        member.pk,
        other_member.pk,
    }
    assert "Met her in May." in merged.notes
    assert "She charges a day rate." in merged.notes
    session.refresh_from_db()
    assert session.facilitator == merged


def test_a_member_who_recommended_both_keeps_one_recommendation(member):
    keep, duplicate = FacilitatorFactory(), FacilitatorFactory()
    RecommendationFactory(facilitator=keep, member=member, why="First words")
    RecommendationFactory(facilitator=duplicate, member=member, why="Second words")
    facilitator_merge(keep=keep, duplicate=duplicate)
    assert list(Recommendation.objects.values_list("why", flat=True)) == ["First words"]


def test_merge_keeps_the_further_review_and_fills_blank_details():
    keep = FacilitatorFactory(status="recommended", contact_email="", areas=["allyship"])
    duplicate = FacilitatorFactory(
        status="shortlisted", contact_email="found@example.org", areas=["anti_racism"]
    )
    merged = facilitator_merge(keep=keep, duplicate=duplicate)
    assert merged.status == Facilitator.Status.SHORTLISTED
    assert merged.contact_email == "found@example.org"
    assert merged.areas == ["allyship", "anti_racism"]


def test_not_taken_forward_never_overrides_an_open_review():
    keep = FacilitatorFactory(status="under_review")
    duplicate = FacilitatorFactory(status="not_taken_forward", not_taken_forward_reason="Busy")
    assert facilitator_merge(keep=keep, duplicate=duplicate).status == "under_review"


def test_a_facilitator_cannot_be_merged_with_itself():
    facilitator = FacilitatorFactory()
    with pytest.raises(ValidationError):
        facilitator_merge(keep=facilitator, duplicate=facilitator)
