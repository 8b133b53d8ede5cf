from datetime import UTC, datetime

from django.urls import reverse

from tests.facilitation.factories import RegistrationFactory, SessionFactory


def _url(session):
    return reverse("facilitation:session-calendar", args=[session.pk])


def _session():
    return SessionFactory(
        title="Allyship, together; an open conversation",
        topic="A long topic " * 20,
        starts_at=datetime(2030, 6, 3, 17, 0, tzinfo=UTC),
        ends_at=datetime(2030, 6, 3, 19, 0, tzinfo=UTC),
    )


def test_member_with_a_place_downloads_a_calendar_file(as_user, member):
    session = _session()
    registration = RegistrationFactory(session=session, member=member)
    response = as_user(member).get(_url(session))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2:] == ["END:VCALENDAR", ""]
    assert "DTSTART:20300603T170000Z" in lines
    assert "DTEND:20300603T190000Z" in lines
    assert any(line.startswith(f"UID:registration-{registration.pk}@") for line in lines)
    # Commas and semicolons escaped; every line at most 75 octets, continued with a space.
    assert "SUMMARY:Allyship\\, together\\; an open conversation" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)
    assert "LOCATION:https://meet.example.org/secret-room-link" in text.replace("\r\n ", "")


def test_folding_never_splits_a_character(as_user, member):
    session = SessionFactory(title="Zoë " * 40)
    RegistrationFactory(session=session, member=member)
    raw = as_user(member).get(_url(session)).content
    raw.decode("utf-8")  # would raise if a multi-byte character were cut
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_only_people_with_a_place_get_the_calendar_file(check_access, cast):
    session = _session()
    RegistrationFactory(session=session, member=cast["member"])
    RegistrationFactory(session=session, member=cast["other_member"], status="waiting")
    check_access([_url(session)], allowed={"member"})
