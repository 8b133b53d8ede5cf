"""Anyone with the link: a visitor (no account) answers an anonymous link-only survey."""

import logging
import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from collective.models import Session
from surveys.models import Answer, Participation, Question, Response, Survey
from tests.surveys.helpers import choice_value, field, other_field, release_now
from tests.surveys.test_response_submit import _row_values


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def link_survey(small_survey):
    small_survey.audience = Survey.Audience.LINK
    small_survey.save()
    return small_survey


def link_url(survey):
    return reverse("surveys:survey-link", args=[survey.token])


def page_url(survey, page):
    return reverse("surveys:survey-page", args=[survey.slug, page])


def review_url(survey):
    return reverse("surveys:survey-review", args=[survey.slug])


def answer_both_pages(client, survey, *, anything="Lovely people."):
    client.get(link_url(survey))
    colour = field(survey, "Favourite colour?")
    client.post(page_url(survey, 1), {colour: choice_value(survey, "Favourite colour?", "Blue")})
    client.post(page_url(survey, 2), {field(survey, "Anything else?"): anything})


def nonce_of(review_page):
    return re.search(r'name="submission" value="([^"]+)"', review_page.content.decode()).group(1)


def test_visitor_answers_a_link_survey_from_the_link_to_the_thank_you(client, link_survey):
    detail = client.get(link_url(link_survey), follow=True)
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "without signing in" in text
    assert "only for members" in text  # save and come back later

    page = client.get(page_url(link_survey, 1)).content.decode()
    assert "Page 1 of 2" in page
    assert "Save and come back later" not in page
    answer_both_pages(client, link_survey)
    review = client.get(review_url(link_survey))
    assert "Lovely people." in review.content.decode()

    done = client.post(review_url(link_survey), {"submission": nonce_of(review)})

    assert "Thank you for taking part" in done.content.decode()
    assert "added to the results in batches" in done.content.decode()
    release_now(link_survey)
    response = Response.objects.get(survey=link_survey)
    assert response.user_id is None
    assert set(response.answers.values_list("text", flat=True)) >= {"Lovely people."}
    assert Participation.objects.count() == 0


def test_the_same_final_form_sent_twice_is_saved_once(client, link_survey):
    answer_both_pages(client, link_survey)
    nonce = nonce_of(client.get(review_url(link_survey)))

    first = client.post(review_url(link_survey), {"submission": nonce})
    again = client.post(review_url(link_survey), {"submission": nonce})
    release_now(link_survey)
    after_release = client.post(review_url(link_survey), {"submission": nonce})

    assert Response.objects.filter(survey=link_survey).count() == 1
    assert not link_survey.waiting_count()
    assert "Thank you for taking part" in first.content.decode()
    assert "Thank you for taking part" in again.content.decode()
    assert "Thank you for taking part" in after_release.content.decode()


def test_two_visitors_each_get_their_response(client, link_survey):
    for browser in (client, Client()):
        answer_both_pages(browser, link_survey)
        browser.post(
            review_url(link_survey), {"submission": nonce_of(browser.get(review_url(link_survey)))}
        )
    release_now(link_survey)
    assert Response.objects.filter(survey=link_survey).count() == 2


def test_visitor_does_not_see_unlisted_surveys_in_the_list(client, link_survey):
    response = client.get(reverse("surveys:survey-list"))
    assert response.status_code == 200
    assert link_survey.title not in response.content.decode()


def test_member_list_does_not_show_link_surveys(member_client, link_survey):
    listing = member_client.get(reverse("surveys:survey-list")).content.decode()
    assert link_survey.title not in listing


def test_visitor_without_the_link_cannot_open_a_link_survey(client, link_survey):
    assert client.get(page_url(link_survey, 1)).status_code == 404
    assert client.get(reverse("surveys:survey-link", args=["wrong"])).status_code == 404


def test_visitor_sees_the_start_page_of_a_members_survey(client, small_survey):
    question = Question.objects.filter(section__survey=small_survey).first()
    for url in (
        reverse("surveys:survey-detail", args=[small_survey.slug]),
        page_url(small_survey, 1),
        review_url(small_survey),
    ):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert small_survey.title in page and "Create an account" in page
        assert question.text not in page, "visitors never see a members' survey's questions"


def test_identified_link_survey_asks_a_visitor_to_sign_in(client, link_survey):
    link_survey.mode = Survey.Mode.IDENTIFIED
    link_survey.save()
    response = client.get(link_url(link_survey), follow=True)
    assert reverse("account_login") in response.content.decode()
    assert "Create an account" in response.content.decode()
    client.post(page_url(link_survey, 1))
    assert Response.objects.count() == 0


def test_signed_in_member_on_a_link_survey_still_answers_once(member_client, member, link_survey):
    answer_both_pages(member_client, link_survey)
    member_client.post(review_url(link_survey))
    answer_both_pages(member_client, link_survey)
    member_client.post(review_url(link_survey))
    assert Participation.objects.filter(survey=link_survey, user=member).count() == 1
    release_now(link_survey)
    assert Response.objects.filter(survey=link_survey).count() == 1


def test_bad_input_keeps_the_visitors_answers(client, link_survey):
    client.get(link_url(link_survey))
    colour = field(link_survey, "Favourite colour?")
    red = choice_value(link_survey, "Favourite colour?", "Red")
    other = other_field(link_survey, "Favourite colour?")
    response = client.post(page_url(link_survey, 1), {colour: red, other: "Teal <b>"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content  # "Why red?" needs an answer
    assert f'href="#id_{field(link_survey, "Why red?")}"' in content
    assert 'value="Teal &lt;b&gt;"' in content
    assert "checked" in content
    # Kept for the visit: coming back to the page shows the same answers.
    assert 'value="Teal &lt;b&gt;"' in client.get(page_url(link_survey, 1)).content.decode()
    huge = client.post(page_url(link_survey, 1), {colour: "x" * 100_000})
    assert huge.status_code == 200
    assert "There is a problem" in huge.content.decode()


def test_review_with_a_missing_answer_keeps_the_form_and_saves_nothing(client, link_survey):
    client.get(link_url(link_survey))
    review = client.get(review_url(link_survey))
    assert "There is a problem" in review.content.decode()
    client.post(review_url(link_survey), {"submission": nonce_of(review)})
    assert not link_survey.waiting_count()
    assert Response.objects.count() == 0


def test_a_visitors_anonymous_answers_leave_nothing_identifying(client, link_survey, caplog):
    caplog.set_level(logging.DEBUG)
    answer_both_pages(client, link_survey, anything="A very particular sentence.")
    assert Session.objects.count() == 1  # the draft lives in the session until the submit
    nonce = nonce_of(client.get(review_url(link_survey)))
    client.post(review_url(link_survey), {"submission": nonce})
    release_now(link_survey)

    response = Response.objects.get()
    answer_ids = set(Answer.objects.values_list("id", flat=True))
    marks = {str(response.pk), *map(str, answer_ids)}
    # The draft went with the submit: the visitor's session is deleted, not just emptied.
    assert Session.objects.count() == 0
    for model in apps.get_models():
        for row in model.objects.all():
            values = _row_values(model, row)
            text = " ".join(map(str, values))
            assert nonce not in text, f"{model.__name__} keeps the form's nonce"
            if model in (Response, Answer):
                continue
            assert not any(mark in text for mark in marks), f"{model.__name__} names the response"
            assert "A very particular sentence." not in text, f"{model.__name__} keeps an answer"
    assert response.user_id is None
    assert response.submission_key and len(response.submission_key) == 64
    for record in caplog.records:
        message = record.getMessage()
        assert not any(mark in message for mark in marks), message
        assert "particular sentence" not in message, message
        assert nonce not in message, message


def test_save_for_later_tells_a_visitor_it_needs_an_account_and_keeps_the_answers(
    client, link_survey
):
    client.get(link_url(link_survey))
    colour = field(link_survey, "Favourite colour?")
    blue = choice_value(link_survey, "Favourite colour?", "Blue")
    response = client.post(page_url(link_survey, 1), {colour: blue, "action": "save"}, follow=True)
    content = response.content.decode()
    assert "needs an account" in content
    assert "checked" in content and f'value="{blue}"' in content
    assert not link_survey.drafts.exists()


def test_privacy_notice_says_what_is_kept_for_people_without_an_account(client):
    privacy = client.get(reverse("privacy")).content.decode()
    assert "Without an account" in privacy
