from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.facilitation.factories import RegistrationFactory, SessionFactory

URL = reverse("facilitation:session-list")


def test_everyone_can_see_the_sessions(check_access, cast):
    check_access([URL], allowed=set(cast))


def test_upcoming_and_past_sessions_are_listed_apart(client, db):
    SessionFactory(title="Next week")
    last_month = timezone.now() - timedelta(days=30)
    SessionFactory(
        title="Last month", starts_at=last_month, ends_at=last_month + timedelta(hours=1)
    )
    html = client.get(URL).content.decode()
    upcoming, past = html.split("Past sessions")
    assert "Next week" in upcoming
    assert "Last month" in past


def test_full_session_says_so(client, db):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    RegistrationFactory(session=session, status="waiting")
    assert "Full: you can join the waiting list (1 waiting)" in client.get(URL).content.decode()


def test_empty_list_says_so_kindly(client, db):
    html = client.get(URL).content.decode()
    assert "No sessions are planned just now" in html


def test_the_list_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            RegistrationFactory(session=SessionFactory())

    add(2)
    with django_assert_max_num_queries(4):
        client.get(URL)
    add(20)
    with django_assert_max_num_queries(4):
        # A page at a time: 20 of the 22.
        assert client.get(URL).content.decode().count("card-body") == 20
