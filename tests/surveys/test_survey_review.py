import pytest
from django.core import mail
from django.urls import reverse

from surveys.models import Answer, Draft, Participation, Response
from tests.surveys.helpers import field, fill_small_survey, release_now


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def review_url(survey):
    return reverse("surveys:survey-review", args=[survey.slug])


def test_review_lists_every_answer_with_a_link_back_to_its_page(member_client, small_survey):
    review = fill_small_survey(member_client, small_survey).content.decode()
    assert "Blue" in review
    assert "Lovely people." in review
    assert reverse("surveys:survey-page", args=[small_survey.slug, 2]) in review


def test_review_names_the_page_with_a_missing_required_answer(member_client, small_survey):
    review = member_client.get(review_url(small_survey)).content.decode()
    assert "There is a problem" in review
    assert "Page 1, First page" in review
    response = member_client.post(review_url(small_survey))
    assert response.status_code == 200
    assert not small_survey.waiting_count()
    assert not Response.objects.exists()


def test_submitting_saves_answers_deletes_the_draft_and_confirms_by_email(
    member_client, member, small_survey, django_capture_on_commit_callbacks
):
    fill_small_survey(
        member_client,
        small_survey,
        colour="Red",
        extra={field(small_survey, "Why red?"): "It is warm."},
    )
    assert Draft.objects.filter(user=member).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(review_url(small_survey))
    assert response.url == reverse("surveys:survey-done", args=[small_survey.slug])
    assert not Draft.objects.filter(user=member).exists()
    assert Participation.objects.filter(user=member, survey=small_survey).count() == 1
    assert small_survey.waiting_count() == 1  # sealed until the next batch is released
    assert not Answer.objects.exists()
    release_now(small_survey)
    texts = set(Answer.objects.values_list("text", flat=True))
    assert {"It is warm.", "Lovely people."} <= texts
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Small survey" in mail.outbox[0].subject
    assert "It is warm." not in mail.outbox[0].body  # the e-mail never carries the answers
    assert "added to the results in batches" in mail.outbox[0].body
    done = member_client.get(response.url).content.decode()
    assert "Thank you for taking part" in done
    assert "added to the results in batches" in done


def test_a_second_submission_is_refused_with_a_clear_message(member_client, small_survey):
    fill_small_survey(member_client, small_survey)
    member_client.post(review_url(small_survey))
    fill_small_survey(member_client, small_survey)
    response = member_client.post(review_url(small_survey), follow=True)
    assert "You have already taken part in this survey" in response.content.decode()
    assert small_survey.waiting_count() == 1
    release_now(small_survey)
    assert Response.objects.count() == 1


def test_identified_survey_links_the_response_to_the_member(member_client, member, small_survey):
    small_survey.mode = "identified"
    small_survey.save()
    fill_small_survey(member_client, small_survey)
    member_client.post(review_url(small_survey))
    assert Response.objects.get().user == member


def test_closed_survey_cannot_be_submitted(member_client, small_survey):
    fill_small_survey(member_client, small_survey)
    small_survey.status = "closed"
    small_survey.save()
    response = member_client.post(review_url(small_survey), follow=True)
    assert "not open" in response.content.decode()
    assert not small_survey.waiting_count()
    assert not Response.objects.exists()
