from django.urls import reverse

from facilitation.models import Facilitator, Recommendation
from tests.facilitation.factories import FacilitatorFactory, RecommendationFactory


def _url(recommendation):
    return reverse("facilitation:recommendation-withdraw", args=[recommendation.pk])


def test_member_sees_only_their_own_recommendations(as_user, member, other_member):
    mine = RecommendationFactory(member=member, why="My own reason")
    RecommendationFactory(member=other_member, why="Someone else's reason")
    html = as_user(member).get(reverse("facilitation:my-recommendations")).content.decode()
    assert mine.facilitator.name in html
    assert "My own reason" in html
    assert "Someone else&#x27;s reason" not in html


def test_member_withdraws_their_recommendation(as_user, member, other_member):
    facilitator = FacilitatorFactory()
    mine = RecommendationFactory(member=member, facilitator=facilitator)
    RecommendationFactory(member=other_member, facilitator=facilitator)
    response = as_user(member).post(_url(mine), follow=True)
    assert "is withdrawn" in response.content.decode()
    assert not Recommendation.objects.filter(member=member).exists()
    assert Facilitator.objects.filter(pk=facilitator.pk).exists()  # still recommended by another


def test_withdrawing_the_only_recommendation_deletes_an_unreviewed_facilitator(as_user, member):
    mine = RecommendationFactory(member=member)
    as_user(member).post(_url(mine))
    assert not Facilitator.objects.exists()


def test_a_facilitator_under_review_is_kept_when_the_last_recommendation_goes(as_user, member):
    facilitator = FacilitatorFactory(status=Facilitator.Status.UNDER_REVIEW)
    mine = RecommendationFactory(member=member, facilitator=facilitator)
    as_user(member).post(_url(mine))
    assert Facilitator.objects.filter(pk=facilitator.pk).exists()


def test_member_cannot_withdraw_someone_elses_recommendation(as_user, member, other_member):
    theirs = RecommendationFactory(member=other_member)
    assert as_user(member).post(_url(theirs)).status_code == 404
    assert Recommendation.objects.filter(pk=theirs.pk).exists()


def test_withdraw_needs_a_post(as_user, member):
    mine = RecommendationFactory(member=member)
    assert as_user(member).get(_url(mine)).status_code == 405


def test_my_recommendations_runs_a_fixed_number_of_queries(
    as_user, member, django_assert_max_num_queries
):
    client = as_user(member)
    url = reverse("facilitation:my-recommendations")

    def add(count):
        for _ in range(count):
            RecommendationFactory(member=member)

    add(2)
    with django_assert_max_num_queries(5):  # with the paginator's count
        client.get(url)
    add(20)
    with django_assert_max_num_queries(5):
        # A page at a time: 20 of the 22.
        assert client.get(url).content.decode().count("Withdraw my recommendation") == 20


def test_empty_list_invites_a_recommendation(as_user, member):
    html = as_user(member).get(reverse("facilitation:my-recommendations")).content.decode()
    assert "You have not recommended anyone yet" in html
