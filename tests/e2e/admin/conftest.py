"""Browser tests of the admin (the staff back office).

`staff_login(page, user)` is the one way these tests sign staff in: through the portal's log-in
and the second factor, as staff really do.
"""

import pytest


@pytest.fixture
def staff_login(live_server):
    """staff_login(page, user): sign staff in as they really do, through the portal's log-in
    and the second factor (tests.e2e.admin_login), leaving the page on the admin index."""
    from tests.e2e.admin_login import login_staff

    def login(page, user):
        return login_staff(page, live_server.url, user)

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


# ---- driving the admin ------------------------------------------------------------------------


def admin_action(page, changelist, action, pks):
    """Tick rows on a changelist, choose an action and press Go (its intermediate page, if any,
    is then shown)."""
    page.goto(changelist)
    for pk in pks:
        page.locator(f'input[name="_selected_action"][value="{pk}"]').check()
    page.locator('select[name="action"]').first.select_option(action)
    page.locator('button[name="index"]').first.click()


def submit_empty(page, path, button='input[name="_save"]'):
    """Open a form and send it as it is (an add form then shows its errors)."""
    page.goto(path)
    page.locator(button).first.click()


@pytest.fixture
def audit_pages():
    """audit_pages(page, states): run axe on each state and fail once, listing every violation.

    A state is a path to open, or a (name, function(page)) pair that brings the page there.
    """
    from axe_playwright_python.sync_playwright import Axe

    from tests.conftest import AXE_TAGS

    runner = Axe()

    def check(page, states):
        found = []
        for state in states:
            name, go = (state, None) if isinstance(state, str) else state
            if go is None:
                page.goto(name)
            else:
                go(page)
            results = runner.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
            for violation in results.response["violations"]:
                targets = "; ".join(str(n["target"]) for n in violation["nodes"][:4])
                found.append(f"{name} ({page.url}): {violation['id']} — {targets}")
        assert not found, "axe found violations:\n" + "\n".join(found)

    return check


def scroll_width(page, path):
    page.goto(path)
    return page.evaluate("document.documentElement.scrollWidth")


def tab_to(page, locator, *, limit=150):
    """Press Tab until `locator` has keyboard focus: it is reachable by keyboard alone."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reached with the Tab key")


def press_enter_on(page, locator):
    """Reach `locator` by keyboard and press Enter on it (a link or a button)."""
    tab_to(page, locator)
    with page.expect_navigation():
        page.keyboard.press("Enter")
