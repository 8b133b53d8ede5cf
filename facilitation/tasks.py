from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from facilitation import services
from facilitation.models import Registration


@shared_task
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


@shared_task(bind=True, max_retries=5, default_retry_delay=120)
def send_session_reminder(self, registration_id):
    try:
        services.registration_remind(registration_id=registration_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc


@shared_task
def purge_access_needs():
    """Beat job: blank the access needs of sessions that ended long enough ago."""
    services.access_needs_purge(older_than_days=settings.FACILITATION_ACCESS_NEEDS_DAYS)


@shared_task
def destroy_support_keys():
    """Beat job: questions close when a session starts; its support key goes with them."""
    return services.support_keys_destroy()
