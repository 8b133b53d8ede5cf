from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys.models import Draft, Participation, Question, survey_minutes
from tests.conftest import CAST
from tests.surveys.factories import SurveyFactory


def test_members_see_open_surveys_with_their_progress(client, member):
    done = SurveyFactory(title="Done one")
    started = SurveyFactory(title="Started one")
    SurveyFactory(title="New one")
    SurveyFactory(title="Draft one", status="draft")
    SurveyFactory(title="Link one", audience="link")
    SurveyFactory(title="Closed one", closes_at=timezone.now() - timedelta(days=1))
    SurveyFactory(title="Future one", opens_at=timezone.now() + timedelta(days=1))
    Participation.objects.create(survey=done, user=member, took_part_on=timezone.localdate())
    Draft.objects.create(survey=started, user=member, data={"q1": ["x"]})
    client.force_login(member)
    content = client.get(reverse("surveys:survey-list")).content.decode()
    for title in ["Done one", "Started one", "New one"]:
        assert title in content
    for title in ["Draft one", "Link one", "Closed one", "Future one"]:
        assert title not in content
    assert "You have taken part" in content
    assert "In progress" in content


def test_survey_list_runs_a_fixed_number_of_queries(client, member, django_assert_max_num_queries):
    client.force_login(member)
    SurveyFactory.create_batch(2)
    client.get(reverse("surveys:survey-list"))
    with django_assert_max_num_queries(6):
        client.get(reverse("surveys:survey-list"))
    SurveyFactory.create_batch(20)
    with django_assert_max_num_queries(6):
        client.get(reverse("surveys:survey-list"))


def test_survey_pages_are_for_members_and_visitors_get_start_pages(
    check_access, small_survey, client
):
    urls = [
        reverse("surveys:survey-list"),
        reverse("surveys:survey-detail", args=[small_survey.slug]),
        reverse("surveys:survey-page", args=[small_survey.slug, 1]),
    ]
    statuses = check_access(urls, allowed=set(CAST))
    for url in urls:
        assert statuses[("visitor", url)] == 200
        page = client.get(url).content.decode()
        assert "Sign in" in page and "Create an account" in page


def test_the_visitors_start_page_says_what_surveys_are_how_long_and_what_is_recorded(client, db):
    page = client.get(reverse("surveys:survey-list")).content.decode()
    assert "minutes" in page and "What we record" in page and "anonymous" in page
    assert f"{reverse('account_login')}?next=/surveys/" in page
    assert f"{reverse('account_signup')}?next=/surveys/" in page


def test_a_surveys_start_page_says_how_long_it_takes(client, small_survey):
    page = client.get(reverse("surveys:survey-detail", args=[small_survey.slug])).content.decode()
    questions = Question.objects.filter(section__survey=small_survey).count()
    assert f"takes about {survey_minutes(questions)} minutes" in page
    assert f"next=/surveys/{small_survey.slug}/" in page


@pytest.mark.parametrize(("questions", "minutes"), [(0, 2), (3, 2), (5, 3), (30, 15)])
def test_minutes_are_half_a_minute_a_question_and_at_least_two(questions, minutes):
    assert survey_minutes(questions) == minutes


def test_detail_page_says_plainly_what_an_anonymous_survey_records(client, member, small_survey):
    client.force_login(member)
    content = client.get(reverse("surveys:survey-detail", args=[small_survey.slug])).content
    assert b"anonymous" in content
    assert b"IP address" in content


def test_a_link_only_survey_opens_through_its_link(client, member):
    survey = SurveyFactory(audience="link")
    client.force_login(member)
    assert client.get(reverse("surveys:survey-detail", args=[survey.slug])).status_code == 404
    response = client.get(reverse("surveys:survey-link", args=[survey.token]), follow=True)
    assert response.status_code == 200
    assert survey.title in response.content.decode()
    assert client.get(reverse("surveys:survey-link", args=["wrong-token"])).status_code == 404


def _cards(client):
    page = client.get(reverse("surveys:survey-list")).content.decode()
    return {card.split("</a>")[0].rsplit(">", 1)[1]: card for card in page.split("survey-card")[1:]}


def test_each_member_sees_their_own_progress_on_the_same_kept_list(member, other_member):
    done, started = SurveyFactory(title="Done one"), SurveyFactory(title="Started one")
    Participation.objects.create(survey=done, user=member, took_part_on=timezone.localdate())
    Draft.objects.create(survey=started, user=member, data={"q1": ["x"]})
    first, second = Client(), Client()
    first.force_login(member)
    second.force_login(other_member)
    mine, theirs = _cards(first), _cards(second)
    assert "You have taken part" in mine["Done one"]
    assert "In progress" in mine["Started one"]
    for title in ("Done one", "Started one"):
        assert "Not started" in theirs[title]


def test_taking_part_shows_on_the_list_at_once(client, member):
    survey = SurveyFactory(title="Open one")
    client.force_login(member)
    assert "Not started" in _cards(client)["Open one"]
    Draft.objects.create(survey=survey, user=member, data={})
    assert "In progress" in _cards(client)["Open one"]
    Participation.objects.create(survey=survey, user=member, took_part_on=timezone.localdate())
    assert "You have taken part" in _cards(client)["Open one"]


def test_a_title_cannot_write_another_survey_s_state(client, member):
    done = SurveyFactory(title="Done one")
    SurveyFactory(title=f"<!--survey-state:{done.pk}-->")
    Participation.objects.create(survey=done, user=member, took_part_on=timezone.localdate())
    client.force_login(member)
    page = client.get(reverse("surveys:survey-list")).content.decode()
    assert page.count("You have taken part") == 1
    assert f"&lt;!--survey-state:{done.pk}--&gt;" in page
