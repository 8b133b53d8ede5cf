"""The admin index shows each person the work waiting in their own groups, with links."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from facilitation.models import Facilitator, Question
from feedback.models import Feedback
from library import services
from library.models import Loan
from tests.conftest import client_for
from tests.facilitation.factories import FacilitatorFactory, QuestionFactory
from tests.factories import UserFactory
from tests.feedback.factories import FeedbackFactory
from tests.library.factories import BookFactory, SuggestionFactory


def make_work(n):
    """n of each kind of waiting work (and some that is not waiting)."""
    for _ in range(n):
        services.loan_request(resource=BookFactory(), borrower=UserFactory())  # to approve
        approved = services.loan_request(resource=BookFactory(), borrower=UserFactory())
        services.loan_approve(loan=approved)  # to hand over
        late = services.loan_mark_collected(
            loan=services.loan_request(resource=BookFactory(), borrower=UserFactory())
        )
        Loan.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=2))
        SuggestionFactory()
        FacilitatorFactory(status=Facilitator.Status.RECOMMENDED)
        FacilitatorFactory(status=Facilitator.Status.SHORTLISTED)  # not waiting
        QuestionFactory(status=Question.Status.PENDING)
        QuestionFactory(status=Question.Status.APPROVED)  # not waiting
        FeedbackFactory(status=Feedback.Status.NEW, message="Secret words of the sender")
        FeedbackFactory(status=Feedback.Status.READ)  # not waiting


def overview(user):
    """{label: (count, url)} from the index's "Work waiting for you" table."""
    page = client_for(user).get(reverse("admin:index")).content.decode()
    rows = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th><td class="count">(\d+)</td>', page
    )
    return {label: (int(count), url.replace("&amp;", "&")) for url, label, count in rows}, page


def test_curators_see_the_lending_desk_and_suggestions_only(library_curator):
    make_work(2)
    rows, _ = overview(library_curator)
    loans = reverse("admin:library_loan_changelist")
    assert rows == {
        "Loan requests to approve": (2, f"{loans}?desk=to-approve"),
        "Copies to hand over or post": (2, f"{loans}?desk=to-hand-over"),
        "Overdue loans": (2, f"{loans}?desk=overdue"),
        "Suggestions to moderate": (
            2,
            reverse("admin:library_suggestion_changelist") + "?status__exact=pending",
        ),
    }


def test_coordinators_see_recommendations_and_questions(facilitation_coordinator):
    make_work(1)
    rows, _ = overview(facilitation_coordinator)
    assert set(rows) == {"Recommended facilitators to review", "Questions to moderate"}
    assert rows["Questions to moderate"][0] == 1
    assert rows["Recommended facilitators to review"][0] == 1


def test_feedback_readers_see_a_count_and_nothing_of_the_feedback(feedback_reader):
    make_work(3)
    rows, page = overview(feedback_reader)
    assert rows == {
        "New feedback waiting": (
            3,
            reverse("admin:feedback_feedback_changelist") + "?status__exact=new",
        )
    }
    assert "Secret words" not in page


def test_survey_managers_have_no_queue_and_see_no_empty_table(survey_manager):
    make_work(1)
    rows, page = overview(survey_manager)
    assert rows == {} and "Work waiting for you" not in page


def test_each_link_opens_its_filtered_list(superuser):
    make_work(1)
    rows, _ = overview(superuser)
    assert len(rows) == 7
    client = client_for(superuser)
    for label, (count, url) in rows.items():
        response = client.get(url)
        assert response.status_code == 200, label
        # The filtered list shows as many results as the overview counted.
        assert response.context["cl"].result_count == count, label


@pytest.mark.parametrize("size", [1, 4])
def test_the_overview_costs_the_same_whatever_the_data_size(
    superuser, size, django_assert_max_num_queries
):
    make_work(size)
    client = client_for(superuser)
    client.get(reverse("admin:index"))
    # One count per row (the loan counts share one), plus the admin's own session, user and
    # recent-actions queries; the same at every size.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:index")).status_code == 200
