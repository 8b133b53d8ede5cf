from io import StringIO

from django.core.management import call_command

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
    past, upcoming = Session.objects.past().get(), Session.objects.upcoming().get()
    assert past.questions.approved().exists()
    assert past.notes.published().exists()
    assert upcoming.registrations.filter(status="registered").count() == upcoming.capacity
    assert upcoming.registrations.filter(status="waiting").exists()
    assert Support.objects.exists()


def _counts():
    return [
        model.objects.count()
        for model in [Facilitator, Session, Registration, Question, Support, MeetingNote]
    ]
