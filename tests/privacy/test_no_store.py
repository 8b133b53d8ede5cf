"""Pages that show a person's answers, drafts, receipt thread or data say `Cache-Control: no-store`.

Without it a shared computer's browser cache (or any cache on the way) keeps a copy of someone's
survey answers or loans after they have signed out.
"""

import pytest
from django.test import Client
from django.urls import reverse

from facilitation import services as facilitation_services
from feedback.models import Feedback
from library import services as library_services
from surveys.models import Question
from tests.facilitation.factories import RegistrationFactory, SessionFactory
from tests.factories import UserFactory
from tests.feedback.conftest import OPEN_URL, REPLY_URL, form_data, shown_code
from tests.library.factories import BookFactory
from tests.surveys.factories import ParticipationFactory, SectionFactory, SurveyFactory


def no_store(response):
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def member_client(db):
    member = UserFactory()
    client = Client()
    client.force_login(member)
    return member, client


def test_survey_pages_review_and_thank_you(member_client):
    member, client = member_client
    survey = SurveyFactory(slug="private-answers")
    section = SectionFactory(survey=survey, position=0)
    Question.objects.create(section=section, text="Anything?", kind=Question.Kind.SHORT_TEXT)
    page_url = reverse("surveys:survey-page", args=[survey.slug, 1])

    answered = client.post(page_url, {"action": "next", f"q{section.pk}": "x"})
    pages = {
        "list": client.get(reverse("surveys:survey-list")),
        "detail": client.get(reverse("surveys:survey-detail", args=[survey.slug])),
        "page": client.get(page_url),
        "page answered": answered,
        "review": client.get(reverse("surveys:survey-review", args=[survey.slug])),
        "link": client.get(reverse("surveys:survey-link", args=[survey.token])),
    }
    ParticipationFactory(survey=survey, user=member)
    pages["thank you"] = client.get(reverse("surveys:survey-done", args=[survey.slug]))
    assert pages["page"].status_code == 200 and pages["thank you"].status_code == 200
    assert [name for name, response in pages.items() if not no_store(response)] == []


def test_feedback_receipt_and_thread_pages(client, db):
    sent = client.post(reverse("feedback:feedback-create"), form_data())
    code = shown_code(sent)
    assert Feedback.objects.count() == 1
    thread = client.post(OPEN_URL, {"code": code})
    answered = client.post(REPLY_URL, {"code": code, "body": "Thank you."})
    assert form_data()["message"] in thread.content.decode()  # the thread, with the message
    for response in [sent, client.get(OPEN_URL), thread, answered]:
        assert no_store(response)


def test_account_pages_and_data_download(member_client):
    _, client = member_client
    for url in ["/accounts/me/", "/accounts/me/my-data.json", "/accounts/me/delete/"]:
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url


def test_loan_pages(member_client):
    member, client = member_client
    book = BookFactory()
    loan = library_services.loan_request(resource=book, borrower=member)
    for url in [
        reverse("library:loan-list"),
        reverse("library:loan-detail", args=[loan.pk]),
        reverse("library:loan-request", args=[book.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302) and no_store(response), url
    assert client.get(reverse("library:loan-detail", args=[loan.pk])).status_code == 200


def test_recommendations_registrations_and_questions(member_client):
    member, client = member_client
    facilitation_services.facilitator_recommend(
        member=member, name="Ada Example", how_known="Worked with her", why="Kind and clear"
    )
    session = SessionFactory()
    RegistrationFactory(session=session, member=member, access_needs="Step-free access")
    for url in [
        reverse("facilitation:my-recommendations"),
        reverse("facilitation:recommend"),
        reverse("facilitation:session-detail", args=[session.pk]),
        reverse("facilitation:session-questions", args=[session.pk]),
        reverse("facilitation:session-calendar", args=[session.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200 and no_store(response), url
    page = client.get(reverse("facilitation:my-recommendations")).content.decode()
    assert "Kind and clear" in page
