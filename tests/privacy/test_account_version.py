"""Redis holds a version token per account (collective/auth_backends.py), and the moment a
token changes is visible there. Nothing anonymous may move it: taking part in an anonymous
survey or asking a question before a session writes no account row (docs/privacy.md,
"Accounts and sessions")."""

import pytest

from collective.lib import versions
from facilitation import services as facilitation_services
from surveys import services as survey_services
from surveys.forms import AnswerValue
from tests.facilitation.factories import SessionFactory
from tests.surveys.factories import SectionFactory, SurveyFactory, choice_question

pytestmark = pytest.mark.django_db


def _version(member):
    return versions.current(("collective.User", member.pk))


def test_anonymous_acts_leave_the_account_version_alone(member, django_capture_on_commit_callbacks):
    survey = SurveyFactory()
    group = choice_question(SectionFactory(survey=survey), "Ethnic group?", ["Asian", "White"])
    before = _version(member)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [AnswerValue(question=group, choices=[group.choices.first()])]
        survey_services.response_submit(survey=survey, user=member, answers=answers)
        facilitation_services.question_ask(session=SessionFactory(), text="How do I start?")
    assert _version(member) == before


def test_a_change_to_the_account_moves_it(member, django_capture_on_commit_callbacks):
    before = _version(member)
    with django_capture_on_commit_callbacks(execute=True):
        member.display_name = "Morgan"
        member.save(update_fields=["display_name"])
    assert _version(member) != before
