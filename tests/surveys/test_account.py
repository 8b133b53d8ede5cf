import json

from django.urls import reverse
from django.utils import timezone

from collective.services import user_delete
from surveys.models import Answer, Draft, Participation, Response
from tests.surveys.factories import SurveyFactory
from tests.surveys.helpers import fill_small_survey, release_now


def test_account_page_lists_my_participation_and_surveys_in_progress(client, member, small_survey):
    Participation.objects.create(
        survey=small_survey, user=member, took_part_on=timezone.localdate()
    )
    other = SurveyFactory(title="Half done")
    Draft.objects.create(survey=other, user=member, data={})
    client.force_login(member)
    content = client.get(reverse("account-home")).content.decode()
    assert "My survey participation" in content
    assert "Small survey: you took part on" in content
    assert "your answers are not linked to you" in content
    assert "Half done" in content


def test_download_my_data_has_identified_answers_but_no_anonymous_ones(
    client, member, small_survey
):
    client.force_login(member)
    fill_small_survey(client, small_survey)
    client.post(reverse("surveys:survey-review", args=[small_survey.slug]))
    identified = SurveyFactory(title="Named survey", mode="identified")
    response = Response.objects.create(
        survey=identified, user=member, submitted_on=timezone.localdate()
    )
    question = small_survey.sections.get(position=1).questions.get()
    Answer.objects.create(response=response, question=question, text="my named answer")
    data = json.loads(client.get(reverse("account-export")).content)["surveys"]
    assert {p["survey"] for p in data["participation"]} == {"Small survey"}
    assert [a["answer"] for a in data["identified_answers"]] == ["my named answer"]
    assert "Lovely people." not in json.dumps(data)


def test_deleting_my_account_deletes_identified_answers_and_keeps_anonymous_ones(
    client, member, small_survey
):
    client.force_login(member)
    fill_small_survey(client, small_survey)
    client.post(reverse("surveys:survey-review", args=[small_survey.slug]))
    release_now(small_survey)
    identified = SurveyFactory(mode="identified")
    Response.objects.create(survey=identified, user=member, submitted_on=timezone.localdate())
    Draft.objects.create(survey=identified, user=member, data={"q1": ["x"]})
    user_delete(user=member)
    assert Response.objects.filter(survey=small_survey).count() == 1  # anonymous: stays
    assert not Response.objects.filter(survey=identified).exists()
    assert not Draft.objects.exists()
    assert not Participation.objects.exists()


def test_deletion_and_privacy_pages_say_what_happens_to_survey_answers(client, member):
    client.force_login(member)
    deletion = client.get(reverse("account-delete")).content.decode()
    assert "answers to anonymous surveys stay" in deletion
    privacy = client.get(reverse("privacy")).content.decode()
    assert "fewer than 5" in privacy


def test_home_page_lists_open_surveys(client, small_survey):
    assert "Small survey" in client.get(reverse("home")).content.decode()
