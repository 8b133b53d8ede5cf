from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from collective.lib.tasks import RETRY
from facilitation import services
from facilitation.models import Registration


@shared_task(**RETRY)
def send_session_reminders():
    """Beat job: one reminder task per place at a session that starts tomorrow (local time)."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    registration_ids = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        reminded_on__isnull=True,
        session__starts_at__date=tomorrow,
    ).values_list("pk", flat=True)
    for registration_id in registration_ids:
        send_session_reminder.delay(registration_id)


@shared_task(**RETRY)
def send_session_reminder(registration_id):
    services.registration_remind(registration_id=registration_id)


@shared_task(**RETRY)
def purge_access_needs():
    """Beat job: blank the access needs of sessions that ended long enough ago."""
    services.access_needs_purge(older_than_days=settings.FACILITATION_ACCESS_NEEDS_DAYS)


@shared_task(**RETRY)
def destroy_support_keys():
    """Beat job: questions close when a session starts; its support key goes with them."""
    return services.support_keys_destroy()
