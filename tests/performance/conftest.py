"""Data that grows: `portal_data.grow(n)` adds n more rows of every kind, around fixed "hub"
objects (one resource, facilitator, session, survey, feedback…) that gather n children each.

Rows are written with bulk_create (fast enough for 1,000 of each), so no signal runs: the cache
is cleared before every measured request instead (`measure`).
"""

import itertools
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from collective.models import User
from facilitation.models import Facilitator, MeetingNote, Recommendation, Registration, Session
from feedback.models import Feedback, Message
from library.models import Copy, Loan, Resource, Suggestion, Theme
from surveys.models import Choice, Participation, Question, Section, Survey

# Queries are compared between SMALL and LARGE; rows rendered between MIDDLE and LARGE (MIDDLE
# is past every page size and cap, so a paginated list already shows a full page there).
SMALL, MIDDLE, LARGE = 10, 150, 1000
_serial = itertools.count(1)


def _users(n):
    start = next(_serial) * 100_000
    return User.objects.bulk_create(
        [User(email=f"grown{start + i}@example.org", password="!") for i in range(n)]
    )


class PortalData:
    def __init__(self, member):
        self.member = member
        self.theme = Theme.objects.create(name="Racism", slug="racism")
        self.resource = Resource.objects.create(
            kind=Resource.Kind.BOOK,
            title="Racism at work",
            description="About racism.",
            published=True,
        )
        self.resource.themes.add(self.theme)
        self.facilitator = Facilitator.objects.create(
            name="Hub facilitator", status=Facilitator.Status.ENGAGED
        )
        soon = timezone.now() + timedelta(days=7)
        self.session = Session.objects.create(
            title="Hub session",
            topic="Allyship",
            facilitator=self.facilitator,
            starts_at=soon,
            ends_at=soon + timedelta(hours=2),
            online_link="https://meet.example.org/room",
            ground_rules="Listen.",
        )
        self.survey = Survey.objects.create(
            title="Hub survey", slug="hub-survey", status=Survey.Status.PUBLISHED
        )
        self.section = Section.objects.create(survey=self.survey, title="Page one", position=0)
        self.question = Question.objects.create(
            section=self.section, text="How?", kind=Question.Kind.SINGLE, position=0
        )
        Choice.objects.create(question=self.question, text="Somehow", position=0)
        self.feedback = Feedback.objects.create(
            topic=Feedback.Topic.GENERAL, message="Hello", receipt_hash="hub"
        )
        self.grow(SMALL)

    def grow(self, n):
        """n more of everything: rows on every list, children on every hub object."""
        s = next(_serial) * 100_000
        members = _users(n)
        themes = Theme.objects.bulk_create(
            [Theme(name=f"Theme {s + i}", slug=f"theme-{s + i}") for i in range(n)]
        )
        resources = Resource.objects.bulk_create(
            [
                Resource(
                    kind=Resource.Kind.BOOK,
                    title=f"On racism, part {s + i}",
                    description="About racism and allyship.",
                    published=True,
                )
                for i in range(n)
            ]
        )
        through = Resource.themes.through
        through.objects.bulk_create(
            [through(resource=r, theme=t) for r, t in zip(resources, themes, strict=True)]
            + [through(resource=r, theme=self.theme) for r in resources]
        )
        copies = Copy.objects.bulk_create(
            [Copy(resource=self.resource, code=f"C-{s + i}") for i in range(n)]
        )
        Loan.objects.bulk_create(
            [
                Loan(resource=self.resource, copy=c, borrower=m, status=Loan.Status.RETURNED)
                for c, m in zip(copies, members, strict=True)
            ]
            + [
                Loan(resource=r, borrower=self.member, status=Loan.Status.RETURNED)
                for r in resources
            ]
        )
        Suggestion.objects.bulk_create(
            [Suggestion(title=f"Suggestion {s + i}", kind="book", why="Good") for i in range(n)]
        )
        facilitators = Facilitator.objects.bulk_create(
            [
                Facilitator(
                    name=f"Facilitator {s + i}",
                    name_key=f"facilitator {s + i}",
                    status=Facilitator.Status.SHORTLISTED,
                )
                for i in range(n)
            ]
        )
        Recommendation.objects.bulk_create(
            [Recommendation(facilitator=self.facilitator, member=m, why="W") for m in members]
            + [Recommendation(facilitator=f, member=self.member, why="W") for f in facilitators]
        )
        now = timezone.now()
        sessions = Session.objects.bulk_create(
            [
                Session(
                    title=f"Session {s + i}",
                    topic="Allyship",
                    starts_at=now + timedelta(days=days),
                    ends_at=now + timedelta(days=days, hours=2),
                    online_link="https://meet.example.org/room",
                    ground_rules="Listen.",
                )
                for i in range(n)
                for days in [(-1 if i % 2 else 1) * (i + 2)]
            ]
        )
        Registration.objects.bulk_create(
            [Registration(session=self.session, member=m) for m in members]
            + [Registration(session=session, member=self.member) for session in sessions]
        )
        MeetingNote.objects.bulk_create(
            [
                MeetingNote(
                    session=session, title=f"Notes {s + i}", body="<p>Notes</p>", published=True
                )
                for i, session in enumerate(sessions)
            ]
        )
        surveys = Survey.objects.bulk_create(
            [
                Survey(title=f"Survey {s + i}", slug=f"survey-{s + i}", status="published")
                for i in range(n)
            ]
        )
        Participation.objects.bulk_create(
            [Participation(survey=self.survey, user=m, took_part_on=now.date()) for m in members]
            + [
                Participation(survey=survey, user=self.member, took_part_on=now.date())
                for survey in surveys
            ]
        )
        # The hub survey's other pages, and more choices on its first question.
        Section.objects.bulk_create(
            [Section(survey=self.survey, title=f"Page {s + i}", position=i + 1) for i in range(n)]
        )
        # A question with choices in each of the other surveys: a bigger database. (A bigger
        # survey is another matter: it is the survey's own size, shown as the staff built it.)
        sections = Section.objects.bulk_create(
            [Section(survey=survey, title="Only page") for survey in surveys]
        )
        questions = Question.objects.bulk_create(
            [Question(section=section, text="Which?", kind="single") for section in sections]
        )
        Choice.objects.bulk_create([Choice(question=q, text="This one") for q in questions])
        feedback = Feedback.objects.bulk_create(
            [Feedback(topic="general", message="Hi", receipt_hash=f"h{s + i}") for i in range(n)]
        )
        start = self.feedback.messages.count() + 1
        Message.objects.bulk_create(
            [
                Message(feedback=self.feedback, body="Reply", position=start + i, from_staff=True)
                for i in range(n)
            ]
        )
        self.last_feedback = feedback[-1]


@pytest.fixture
def portal_data(member):
    return PortalData(member)


ROW = re.compile(r"<(li|tr|option)\b")


def assert_flat(client, urls, portal_data, django_assert_max_num_queries):
    """Each URL runs no more queries at LARGE than at SMALL, and renders no more rows at LARGE
    than at MIDDLE. `urls` is a function of the data (hub objects are there from the start)."""
    small = {url: measure(client, url) for url in urls()}
    portal_data.grow(MIDDLE - SMALL)
    middle = {url: measure(client, url) for url in urls()}
    portal_data.grow(LARGE - MIDDLE)
    problems = []
    for url in urls():
        cache.clear()
        try:
            with django_assert_max_num_queries(small[url].queries, info=url):
                response = client.get(url)
        except pytest.fail.Exception as error:
            problems.append(f"{url}: {str(error).splitlines()[0]}")
            continue
        assert response.status_code == 200
        rows = len(ROW.findall(response.content.decode()))
        if rows > middle[url].rows:
            problems.append(f"{url}: {rows} rows at {LARGE}, {middle[url].rows} at {MIDDLE}")
    assert not problems, "\n".join(problems)


def measure(client, url):
    """(queries, rows rendered) for one GET of `url`, built from the database (cache cleared)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return SimpleNamespace(queries=len(queries), rows=len(ROW.findall(response.content.decode())))
