"""Browser tests of the admin (the staff back office).

`staff_login(page, user)` is the one way these tests sign staff in. Keep it the only one: when
the admin requires a second factor, this function alone changes to sign in through it.
"""

import pytest
from django.conf import settings
from django.test import Client


@pytest.fixture
def staff_login(live_server):
    """staff_login(page, user): give the page's browser context a staff session for `user`."""

    def login(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return login


@pytest.fixture
def back_office(db, member, other_member):
    """A little of everything staff work on: loans in each state, a survey with a show-if
    question, facilitators, a session with questions and notes, feedback with a reply."""
    from library import services as library
    from tests.facilitation.factories import (
        MeetingNoteFactory,
        RecommendationFactory,
        RegistrationFactory,
    )
    from tests.facilitation.factories import QuestionFactory as SessionQuestionFactory
    from tests.feedback.factories import FeedbackFactory, MessageFactory
    from tests.library.factories import BookFactory, SuggestionFactory, ThemeFactory
    from tests.surveys.factories import SectionFactory, SurveyFactory, choice_question

    theme = ThemeFactory(name="Allyship", slug="allyship")
    queenie = BookFactory(title="Queenie", creators="Candice Carty-Williams", themes=[theme])
    natives = BookFactory(title="Natives", creators="Akala", copies=2)
    requested = library.loan_request(resource=queenie, borrower=member)
    on_loan = library.loan_mark_collected(
        loan=library.loan_request(resource=natives, borrower=other_member)
    )
    posted = library.loan_request(
        resource=natives,
        borrower_name="Grace",
        borrower_email="grace@example.org",
        delivery="post",
        postal_address="1 High Street, London",
    )
    suggestion = SuggestionFactory(title="Me and White Supremacy")

    survey = SurveyFactory(title="How did you find us?", slug="found-us", status="draft")
    first = SectionFactory(survey=survey, title="About you", position=0)
    joined = choice_question(first, "Did someone tell you about us?", ["Yes", "No"], position=0)
    follow = choice_question(first, "Who told you?", ["A friend", "A colleague"], position=1)
    follow.show_if_question = joined
    follow.save()
    follow.show_if_choices.set(joined.choices.filter(text="Yes"))
    second = SectionFactory(survey=survey, title="What stops you", position=1)
    choice_question(second, "What stops you taking part?", ["Time", "Money"], kind="multiple")

    recommendation = RecommendationFactory(member=member)
    registration = RegistrationFactory(member=other_member, access_needs="Captions")
    session_question = SessionQuestionFactory(session=registration.session, status="pending")
    note = MeetingNoteFactory(session=registration.session)
    feedback = FeedbackFactory(wants_reply=False)
    MessageFactory(feedback=feedback)
    return {
        "theme": theme,
        "book": queenie,
        "copy": queenie.copies.get(),
        "requested": requested,
        "on_loan": on_loan,
        "posted": posted,
        "suggestion": suggestion,
        "survey": survey,
        "section": first,
        "question": follow,
        "facilitator": recommendation.facilitator,
        "session": registration.session,
        "registration": registration,
        "session_question": session_question,
        "note": note,
        "feedback": feedback,
    }
