"""Access needs are forgotten a while after the session ends (least data)."""

from datetime import timedelta

from django.utils import timezone

from facilitation.models import Registration
from facilitation.tasks import purge_access_needs
from tests.facilitation.factories import RegistrationFactory, SessionFactory


def _session_ended(days_ago):
    ended = timezone.now() - timedelta(days=days_ago)
    return SessionFactory(starts_at=ended - timedelta(hours=2), ends_at=ended)


def test_access_needs_are_blanked_after_the_retention_period(db, settings):
    settings.FACILITATION_ACCESS_NEEDS_DAYS = 30
    old = RegistrationFactory(session=_session_ended(31), access_needs="Hearing loop")
    recent = RegistrationFactory(session=_session_ended(29), access_needs="Quiet room")
    upcoming = RegistrationFactory(access_needs="Step-free access")
    purge_access_needs.delay()
    needs = dict(Registration.objects.values_list("pk", "access_needs"))
    assert needs == {old.pk: "", recent.pk: "Quiet room", upcoming.pk: "Step-free access"}
    assert Registration.objects.filter(pk=old.pk, status="registered").exists()
