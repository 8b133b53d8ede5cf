import pytest
from django.urls import reverse

from surveys.models import Draft, Participation
from tests.surveys.factories import SurveyFactory
from tests.surveys.helpers import other_field


def page_url(survey, page):
    return reverse("surveys:survey-page", args=[survey.slug, page])


def choice_id(survey, text):
    return str(
        survey.sections.get(position=0)
        .questions.get(text="Favourite colour?")
        .choices.get(text=text)
        .pk
    )


def field(survey, text):
    from surveys.models import Question

    return Question.objects.get(section__survey=survey, text=text).field_name


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def test_page_shows_progress_and_questions(member_client, small_survey):
    response = member_client.get(page_url(small_survey, 1))
    content = response.content.decode()
    assert "Page 1 of 2" in content
    assert "Favourite colour?" in content


def test_missing_required_answer_keeps_what_was_typed_and_links_to_the_field(
    member_client, small_survey
):
    colour = field(small_survey, "Favourite colour?")
    other = other_field(small_survey, "Favourite colour?")
    response = member_client.post(
        page_url(small_survey, 1), {colour: choice_id(small_survey, "Red"), other: "kept"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    why = field(small_survey, "Why red?")
    assert f'href="#id_{why}"' in content
    assert 'value="kept"' in content
    assert "checked" in content


def test_hidden_question_is_not_required_and_its_answer_is_discarded(
    member_client, member, small_survey
):
    colour = field(small_survey, "Favourite colour?")
    why = field(small_survey, "Why red?")
    response = member_client.post(
        page_url(small_survey, 1), {colour: choice_id(small_survey, "Blue"), why: "secret"}
    )
    assert response.status_code == 302
    assert response.url == page_url(small_survey, 2)
    member_client.post(page_url(small_survey, 2), {})
    review = member_client.get(reverse("surveys:survey-review", args=[small_survey.slug]))
    assert "secret" not in review.content.decode()
    assert "Blue" in review.content.decode()


def test_choosing_other_without_saying_what_asks_for_more(member_client, small_survey):
    colour = field(small_survey, "Favourite colour?")
    response = member_client.post(
        page_url(small_survey, 1), {colour: choice_id(small_survey, "Other")}
    )
    assert "Other: please specify" in response.content.decode()


def test_save_and_come_back_later_keeps_answers(member_client, member, small_survey):
    colour = field(small_survey, "Favourite colour?")
    response = member_client.post(
        page_url(small_survey, 1), {colour: choice_id(small_survey, "Red"), "action": "save"}
    )
    assert response.status_code == 302
    draft = Draft.objects.get(survey=small_survey, user=member)
    assert draft.data[colour] == [choice_id(small_survey, "Red")]
    again = member_client.get(page_url(small_survey, 1)).content.decode()
    assert f'value="{choice_id(small_survey, "Red")}"' in again
    detail = member_client.get(reverse("surveys:survey-detail", args=[small_survey.slug]))
    assert "Continue where you left off" in detail.content.decode()


@pytest.mark.parametrize(
    "value",
    ["x" * 100_000, "<script>alert(1)</script>", "\x00nul", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u202e", ""],
)
def test_bad_input_gets_a_message_not_a_server_error(member_client, small_survey, value):
    colour = field(small_survey, "Favourite colour?")
    response = member_client.post(
        page_url(small_survey, 1),
        {colour: value, other_field(small_survey, "Favourite colour?"): value},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_draft_survey_is_not_found(member_client):
    survey = SurveyFactory(status="draft")
    assert member_client.get(page_url(survey, 1)).status_code == 404


def test_member_who_took_part_is_sent_to_the_thank_you_page(member_client, member, small_survey):
    Participation.objects.create(survey=small_survey, user=member, took_part_on="2026-01-01")
    response = member_client.get(page_url(small_survey, 1))
    assert response.url == reverse("surveys:survey-done", args=[small_survey.slug])


def test_visitor_is_asked_to_sign_in_on_the_start_page(client, small_survey):
    page = client.get(page_url(small_survey, 1)).content.decode()
    assert "This survey is for members" in page and "Sign in" in page


def test_prefer_not_to_say_cannot_be_ticked_with_another_answer(member_client, small_survey):
    from surveys.models import Choice, Question

    section = small_survey.sections.get(position=1)
    question = Question.objects.create(
        section=section, text="Which apply?", kind=Question.Kind.MULTIPLE, position=9
    )
    a = Choice.objects.create(question=question, text="A", position=0)
    b = Choice.objects.create(question=question, text="Rather not", is_prefer_not_to_say=True)
    response = member_client.post(page_url(small_survey, 2), {question.field_name: [a.pk, b.pk]})
    assert "choose one or the other" in response.content.decode()


def test_help_text_typed_by_staff_is_shown_as_text(member_client, small_survey):
    from surveys.models import Question

    Question.objects.filter(text="Anything else?").update(help_text="<b>bold</b> & more")
    content = member_client.get(page_url(small_survey, 2)).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in content


def test_a_question_left_empty_says_what_to_do_in_its_own_words(client, member, member_survey):
    client.force_login(member)
    response = client.post(reverse("surveys:survey-page", args=[member_survey.slug, 1]), {})
    content = response.content.decode()
    assert "Choose how you found out about the Collective" in content
    assert "Tell us why you joined the Collective" in content
    assert "This field is required." not in content


def test_without_staffs_words_the_message_fits_the_kind_of_question(member_client, small_survey):
    response = member_client.post(page_url(small_survey, 1), {})
    assert "Choose an answer" in response.content.decode()
    assert "This field is required." not in response.content.decode()
