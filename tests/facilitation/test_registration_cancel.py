"""Cancelling gives the place to the first person waiting, and e-mails them."""

from django.core import mail
from django.urls import reverse

from facilitation.models import Registration
from facilitation.services import registration_cancel, registration_register, session_fill_places
from tests.facilitation.factories import RegistrationFactory, SessionFactory
from tests.factories import UserFactory


def _full_session_with_two_waiting(member):
    session = SessionFactory(capacity=1, title="Responding to microaggressions")
    place = registration_register(session=session, member=member)
    first = registration_register(session=session, member=UserFactory(email="first@example.org"))
    second = registration_register(session=session, member=UserFactory(email="second@example.org"))
    return session, place, first, second


def test_cancelling_moves_the_first_waiting_person_in_and_emails_them(
    as_user, member, django_capture_on_commit_callbacks
):
    session, place, first, second = _full_session_with_two_waiting(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(member).post(
            reverse("facilitation:session-cancel", args=[session.pk]), follow=True
        )
    assert "Your registration is cancelled" in response.content.decode()
    place.refresh_from_db(), first.refresh_from_db(), second.refresh_from_db()
    assert place.status == Registration.Status.CANCELLED
    assert first.status == Registration.Status.REGISTERED
    assert second.status == Registration.Status.WAITING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["first@example.org"]
    assert "A place opened up for you: Responding to microaggressions" in mail.outbox[0].subject
    assert f"/facilitation/sessions/{session.pk}/" in mail.outbox[0].body


def test_leaving_the_waiting_list_moves_nobody(member, django_capture_on_commit_callbacks):
    session, place, first, second = _full_session_with_two_waiting(member)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == Registration.Status.WAITING
    assert mail.outbox == []


def test_cancelling_twice_changes_nothing(member, django_capture_on_commit_callbacks):
    session, place, first, second = _full_session_with_two_waiting(member)
    with django_capture_on_commit_callbacks(execute=True):
        registration_cancel(registration=place)
        registration_cancel(registration=place)
    second.refresh_from_db()
    assert second.status == Registration.Status.WAITING
    assert len(mail.outbox) == 1


def test_more_capacity_fills_places_from_the_waiting_list_in_order(
    member, django_capture_on_commit_callbacks
):
    session, place, first, second = _full_session_with_two_waiting(member)
    session.capacity = 2
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = session_fill_places(session=session)
    assert promoted == [first]
    assert [m.to for m in mail.outbox] == [["first@example.org"]]


def test_cancel_without_a_registration_is_not_found(as_user, member):
    session = SessionFactory()
    RegistrationFactory(session=session)
    response = as_user(member).post(reverse("facilitation:session-cancel", args=[session.pk]))
    assert response.status_code == 404


def test_coordinator_cancels_from_the_admin(
    as_user, facilitation_coordinator, member, django_capture_on_commit_callbacks
):
    session, place, first, second = _full_session_with_two_waiting(member)
    with django_capture_on_commit_callbacks(execute=True):
        as_user(facilitation_coordinator).post(
            reverse("admin:facilitation_registration_changelist"),
            {"action": "cancel", "_selected_action": [place.pk]},
        )
    first.refresh_from_db()
    assert first.status == Registration.Status.REGISTERED
    assert mail.outbox[0].to == ["first@example.org"]
