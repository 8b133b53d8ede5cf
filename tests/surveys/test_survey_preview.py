from django.urls import reverse

from surveys.models import Draft, Response
from tests.surveys.helpers import choice_value, field


def test_preview_is_for_survey_managers_only(check_access, small_survey):
    url = reverse("surveys:survey-preview", args=[small_survey.slug, 1])
    check_access([url], allowed={"survey_manager", "superuser"})


def test_preview_shows_a_draft_survey_validates_and_saves_nothing(
    client, survey_manager, small_survey
):
    small_survey.status = "draft"
    small_survey.save()
    client.force_login(survey_manager)
    url = reverse("surveys:survey-preview", args=[small_survey.slug, 1])
    page = client.get(url).content.decode()
    assert "Nothing you enter here is saved" in page
    assert "There is a problem" in client.post(url, {}).content.decode()
    colour = field(small_survey, "Favourite colour?")
    response = client.post(url, {colour: choice_value(small_survey, "Favourite colour?", "Blue")})
    assert response.url == reverse("surveys:survey-preview", args=[small_survey.slug, 2])
    assert not Draft.objects.exists() and not Response.objects.exists()
