"""Every page a visitor or member uses costs the same at 10 and at 1,000 rows of everything:
no more queries, and no more rows rendered (lists are paginated, panels show the latest few)."""

import pytest
from django.urls import reverse

from tests.performance.conftest import assert_flat

pytestmark = pytest.mark.django_db


def public_urls(data):
    return lambda: [
        "/",
        "/library/",
        "/library/?q=racism",
        f"/library/?theme={data.theme.slug}",
        "/library/?language=en&kind=book",
        reverse("library:resource-detail", args=[data.resource.pk]),
        "/facilitation/",
        "/facilitation/sessions/",
        "/facilitation/sessions/?page=2&past=2",
        reverse("facilitation:session-detail", args=[data.session.pk]),
        "/facilitation/notes/",
        "/feedback/",
        "/about/",
        "/privacy/",
        "/contact/",
    ]


def member_urls(data):
    return lambda: [
        "/",
        "/library/",
        reverse("library:resource-detail", args=[data.resource.pk]),
        "/library/my-loans/",
        "/surveys/",
        reverse("surveys:survey-detail", args=[data.survey.slug]),
        reverse("surveys:survey-page", args=[data.survey.slug, 1]),
        "/facilitation/",
        "/facilitation/sessions/",
        reverse("facilitation:session-detail", args=[data.session.pk]),
        "/facilitation/facilitators/",
        "/facilitation/recommendations/",
        "/facilitation/notes/",
        "/feedback/",
        "/accounts/me/",
    ]


def test_public_pages_cost_the_same_at_any_size(client, portal_data, django_assert_max_num_queries):
    assert_flat(client, public_urls(portal_data), portal_data, django_assert_max_num_queries)


def test_member_pages_cost_the_same_at_any_size(
    client, member, portal_data, django_assert_max_num_queries
):
    # The member fills the hub survey (it has taken part in the others), has loans,
    # registrations and recommendations that grow with the data.
    portal_data.survey.participations.filter(user=member).delete()
    client.force_login(member)
    assert_flat(client, member_urls(portal_data), portal_data, django_assert_max_num_queries)
