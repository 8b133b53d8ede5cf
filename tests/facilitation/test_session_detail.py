"""The session page: ground rules for everyone, the online link only for people with a place."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from facilitation import services
from facilitation.models import Session
from tests.facilitation.factories import MeetingNoteFactory, RegistrationFactory, SessionFactory

LINK = "https://meet.example.org/secret-room-link"


def _url(session):
    return reverse("facilitation:session-detail", args=[session.pk])


def test_everyone_can_read_a_session_page(check_access, cast):
    check_access([_url(SessionFactory())], allowed=set(cast))


def test_online_link_only_for_people_with_a_place_and_coordinators(cast, as_user, coordinators):
    session = SessionFactory()
    RegistrationFactory(session=session, member=cast["member"], access_needs="Needs captions")
    RegistrationFactory(session=session, member=cast["other_member"], status="waiting")
    allowed = {"member"} | coordinators
    for role, user in cast.items():
        html = as_user(user).get(_url(session)).content.decode()
        assert session.ground_rules in html, role
        assert (LINK in html) == (role in allowed), role
        if role not in allowed:
            assert "The link is shown here to people who have a place" in html, role
        # Access needs are read in the admin, never on the public page.
        assert "Needs captions" not in html, role


def test_access_needs_are_seen_by_coordinators_only(cast, check_admin_access, as_user):
    session = SessionFactory()
    registration = RegistrationFactory(session=session, access_needs="Wheelchair user")
    urls = [
        reverse("admin:facilitation_session_change", args=[session.pk]),
        reverse("admin:facilitation_registration_change", args=[registration.pk]),
    ]
    check_admin_access(urls, allowed={"facilitation_coordinator", "superuser"})
    for role in ["facilitation_coordinator", "superuser"]:
        for url in urls:
            assert "Wheelchair user" in as_user(cast[role]).get(url).content.decode()


def test_in_person_session_shows_the_place_to_everyone(client, db):
    session = SessionFactory(format=Session.Format.IN_PERSON, place="Community Hall, Room 2")
    assert "Community Hall, Room 2" in client.get(_url(session)).content.decode()


def test_member_without_a_place_sees_the_register_form_with_the_ground_rules_first(as_user, member):
    session = SessionFactory(ground_rules="Rule: listen first.")
    html = as_user(member).get(_url(session)).content.decode()
    assert html.index("Rule: listen first.") < html.index('name="agree"')
    assert ">Register<" in html


def test_full_session_offers_the_waiting_list(as_user, member):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    html = as_user(member).get(_url(session)).content.decode()
    assert "Join the waiting list" in html


def test_a_member_with_a_place_sees_cancel_calendar_and_questions(as_user, member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    html = as_user(member).get(_url(session)).content.decode()
    assert "Cancel my place" in html
    assert reverse("facilitation:session-calendar", args=[session.pk]) in html
    assert reverse("facilitation:session-questions", args=[session.pk]) in html


def test_visitor_is_invited_to_log_in(client, db):
    html = client.get(_url(SessionFactory())).content.decode()
    assert "to register" in html
    assert 'name="agree"' not in html


def test_a_past_session_links_to_its_published_notes(client, db):
    session = SessionFactory(
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    MeetingNoteFactory(session=session, title="What we discussed")
    MeetingNoteFactory(session=session, title="Draft not ready", published=False)
    html = client.get(_url(session)).content.decode()
    assert "What we discussed" in html
    assert "Draft not ready" not in html
    assert "Registration is closed" in html


def test_the_page_follows_registrations_notes_and_edits_at_once(client, db, member):
    """What every visitor sees alike is kept under the facilitation data version."""
    session = SessionFactory(title="Allyship circle", capacity=2)
    assert "2 in total, 2 left." in client.get(_url(session)).content.decode()
    registration = RegistrationFactory(session=session, member=member)
    assert "2 in total, 1 left." in client.get(_url(session)).content.decode()
    services.registration_cancel(registration=registration)
    assert "2 in total, 2 left." in client.get(_url(session)).content.decode()
    MeetingNoteFactory(session=session, title="What we discussed")
    session.title = "Allyship circle (moved)"
    session.save()
    html = client.get(_url(session)).content.decode()
    assert "What we discussed" in html and "Allyship circle (moved)" in html


def test_a_session_that_does_not_exist_is_not_found(client, db):
    assert client.get(reverse("facilitation:session-detail", args=[987654])).status_code == 404


def test_a_session_page_runs_a_fixed_number_of_queries(
    as_user, member, django_assert_max_num_queries
):
    session = SessionFactory()
    client = as_user(member)
    client.get(_url(session))
    with django_assert_max_num_queries(4):
        client.get(_url(session))
    RegistrationFactory.create_batch(8, session=session)
    MeetingNoteFactory.create_batch(5, session=session)
    client.get(_url(session))
    with django_assert_max_num_queries(4):
        client.get(_url(session))


def test_the_online_link_is_never_written_to_redis(as_user, member, monkeypatch):
    from django.core.cache import cache

    session = SessionFactory(format="online", online_link=LINK)
    RegistrationFactory(session=session, member=member)
    written = []
    for name in ("set", "set_many", "add"):
        original = getattr(cache, name)
        monkeypatch.setattr(
            cache,
            name,
            lambda *a, _original=original, **k: written.append(repr(a)) or _original(*a, **k),
        )
    assert LINK in as_user(member).get(_url(session)).content.decode()
    assert written and not any(LINK in value for value in written)


def test_the_kept_page_shows_each_person_their_own_place(as_user, member, other_member):
    """The page is kept once per situation (a place, waiting, none): never one person's for
    another's."""
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session, member=member)
    for _ in range(2):
        mine = as_user(member).get(_url(session)).content.decode()
        theirs = as_user(other_member).get(_url(session)).content.decode()
        assert LINK in mine and "Cancel my place" in mine and "Join the waiting list" not in mine
        assert LINK not in theirs and "Cancel my place" not in theirs
        assert "Join the waiting list" in theirs
    services.registration_register(session=session, member=other_member, access_needs="")
    theirs = as_user(other_member).get(_url(session)).content.decode()
    assert "You are on the waiting list" in theirs and LINK not in theirs


def test_the_kept_page_follows_the_clock_within_a_minute(as_user, member, monkeypatch):
    import time

    session = SessionFactory(starts_at=timezone.now() + timedelta(seconds=30))
    assert "Register" in as_user(member).get(_url(session)).content.decode()
    later, clock = timezone.now() + timedelta(seconds=90), time.time() + 90
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(time, "time", lambda: clock)
    html = as_user(member).get(_url(session)).content.decode()
    assert "Registration is closed: this session has started." in html
