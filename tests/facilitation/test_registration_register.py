"""Registering for a session: places, the waiting list, and no overfilling under a rush."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from facilitation.models import Registration
from facilitation.services import registration_register
from tests.concurrency import run_together
from tests.conftest import require_postgres
from tests.facilitation.factories import RegistrationFactory, SessionFactory
from tests.factories import UserFactory


def _register_url(session):
    return reverse("facilitation:session-register", args=[session.pk])


def test_member_registers_with_access_needs(as_user, member):
    session = SessionFactory()
    response = as_user(member).post(
        _register_url(session), {"access_needs": "Step-free access", "agree": "on"}, follow=True
    )
    registration = Registration.objects.get()
    assert registration.member == member
    assert registration.status == Registration.Status.REGISTERED
    assert registration.access_needs == "Step-free access"
    assert "You have a place" in response.content.decode()


def test_the_ground_rules_must_be_accepted_and_typing_is_kept(as_user, member):
    session = SessionFactory()
    response = as_user(member).post(_register_url(session), {"access_needs": "Captions please"})
    html = response.content.decode()
    assert "Tick the box to say you will keep to the ground rules" in html
    assert "Captions please" in html
    assert 'href="#id_agree"' in html
    assert not Registration.objects.exists()


def test_huge_access_needs_get_a_message(as_user, member):
    session = SessionFactory()
    response = as_user(member).post(
        _register_url(session), {"access_needs": "x" * 50_000, "agree": "on"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_full_session_puts_the_next_person_on_the_waiting_list(as_user, member):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    response = as_user(member).post(_register_url(session), {"agree": "on"}, follow=True)
    assert Registration.objects.get(member=member).status == Registration.Status.WAITING
    assert "you are on the waiting list" in response.content.decode()


def test_registering_twice_is_refused(member):
    session = SessionFactory()
    registration_register(session=session, member=member)
    with pytest.raises(ValidationError, match="already registered"):
        registration_register(session=session, member=member)


def test_the_database_refuses_two_registrations_of_one_member(member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    with pytest.raises(IntegrityError):
        RegistrationFactory(session=session, member=member, status="cancelled")


def test_registering_again_after_cancelling_reuses_the_row(member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member, status="cancelled")
    registration = registration_register(session=session, member=member, access_needs="BSL")
    assert registration.status == Registration.Status.REGISTERED
    assert Registration.objects.get().access_needs == "BSL"


def test_registration_closes_when_the_session_starts(as_user, member):
    session = SessionFactory(starts_at=timezone.now() - timedelta(minutes=5))
    response = as_user(member).post(_register_url(session), {"agree": "on"})
    assert "Registration is closed" in response.content.decode()
    assert not Registration.objects.exists()


def test_visitor_must_log_in_to_register(client, db):
    session = SessionFactory()
    response = client.post(_register_url(session), {"agree": "on"})
    assert response.status_code == 302
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_registrations_for_the_last_three_places_register_exactly_three():
    require_postgres()
    session = SessionFactory(capacity=5)
    for _ in range(2):
        RegistrationFactory(session=session)
    people = [UserFactory() for _ in range(10)]
    run_together(
        *[
            lambda person=person: registration_register(session=session, member=person)
            for person in people
        ]
    )
    statuses = Registration.objects.filter(member__in=people).values_list("status", flat=True)
    assert sorted(statuses).count(Registration.Status.REGISTERED) == 3
    assert sorted(statuses).count(Registration.Status.WAITING) == 7
    assert session.registrations.filter(status="registered").count() == 5
