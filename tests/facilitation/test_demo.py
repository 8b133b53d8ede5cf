from io import StringIO

from django.core.management import call_command

from collective.models import User
from facilitation.models import (
    Facilitator,
    MeetingNote,
    Question,
    Registration,
    Session,
    Support,
)


def test_demo_content_covers_every_state_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    counts = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == counts

    assert set(Facilitator.objects.values_list("status", flat=True)) == set(
        Facilitator.Status.values
    )
    assert Facilitator.objects.filter(website__contains="example.org").count() == 6
    past = Session.objects.past().get()
    assert past.questions.approved().exists()
    assert past.notes.published().exists()
    full = Session.objects.upcoming().get(title="Responding to microaggressions")
    assert full.registrations.filter(status="registered").count() == full.capacity
    assert full.registrations.filter(status="waiting").exists()
    assert Support.objects.exists()


def test_a_demo_member_has_sessions_to_join_online_and_in_person(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    amara = User.objects.get(email="amara@example.org")
    with_places = [
        session
        for session in Session.objects.upcoming()
        if session.registrations.filter(status="registered").count() < session.capacity
        and not session.registrations.filter(member=amara).exists()
    ]
    assert len(with_places) >= 3
    assert {session.format for session in with_places} == {"online", "in_person"}


def _counts():
    return [
        model.objects.count()
        for model in [Facilitator, Session, Registration, Question, Support, MeetingNote]
    ]
