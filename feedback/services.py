"""Writes to feedback: submitting, replying both ways, triage and retention."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from collective.lib import emails
from collective.lib.groups import FEEDBACK_READERS
from feedback import receipts
from feedback.models import Feedback, Message


class FeedbackClosed(Exception):
    """The conversation is closed: the sender can read it but no longer answer."""


def feedback_submit(*, code, topic, message, wants_reply=False, contact_name="", contact_email=""):
    """Save new feedback under `code`; returns (feedback, created).

    Nothing is sent now: an e-mail at the moment of arrival would date the feedback to the
    second. Readers hear of it in the next digest (`feedback_digest_send`).

    Sending the same form twice gives the same code, so the second call finds the first
    feedback instead of saving a copy (the unique receipt hash settles a race between them).
    """
    digest = receipts.code_hash(code)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                topic=topic,
                message=message,
                wants_reply=wants_reply,
                contact_name=contact_name if wants_reply else "",
                contact_email=contact_email if wants_reply else "",
                receipt_hash=digest,
            )
    except IntegrityError:
        existing = Feedback.objects.filter(receipt_hash=digest).first()
        if existing is None:
            raise
        return existing, False
    return feedback, True


def _add_message(feedback, *, from_staff, body):
    # The feedback row is locked by the caller, so two replies cannot take one position.
    last = feedback.messages.aggregate(last=Max("position"))["last"] or 0
    return Message.objects.create(
        feedback=feedback, from_staff=from_staff, body=body, position=last + 1
    )


def feedback_reply(*, feedback_id, body):
    """A feedback reader replies; the sender reads it with their code, or by e-mail if asked."""
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback_id)
        message = _add_message(feedback, from_staff=True, body=body)
        if feedback.status == Feedback.Status.NEW:
            feedback.status = Feedback.Status.READ
            feedback.save(update_fields=["status"])
        if feedback.wants_reply and feedback.contact_email:
            emails.send(
                "feedback-reply",
                to=[feedback.contact_email],
                context={
                    "contact_name": feedback.contact_name,
                    "reply": body,
                    "receipt_url": settings.SITE_URL + reverse("feedback:feedback-open"),
                },
            )
    return message


def message_from_sender(*, feedback_id, body):
    """The sender answers with their code; returns (message, created).

    The thread goes back to "new" so that readers see it in triage and the next digest counts
    it; nothing is sent now (see `feedback_submit`). The same answer sent
    twice on one day (a refreshed page) is saved once.
    """
    with transaction.atomic():
        feedback = Feedback.objects.select_for_update().get(pk=feedback_id)
        if feedback.is_closed:
            raise FeedbackClosed
        last = feedback.messages.order_by("-position").first()
        if last and not last.from_staff and last.body == body:
            return last, False
        message = _add_message(feedback, from_staff=False, body=body)
        feedback.status = Feedback.Status.NEW
        feedback.announced = False  # the next digest counts the thread as new again
        feedback.save(update_fields=["status", "announced"])
    return message, True


def feedback_set_status(*, feedback_ids, status):
    """Triage: move feedback to `status`; returns how many changed."""
    closing = status == Feedback.Status.CLOSED
    with transaction.atomic():
        changing = Feedback.objects.filter(pk__in=feedback_ids).exclude(status=status)
        return changing.update(status=status, closed_on=timezone.localdate() if closing else None)


def feedback_purge_expired(*, today=None):
    """Delete closed feedback past its retention period; returns how many went."""
    with transaction.atomic():
        expired = Feedback.objects.expired(today=today)
        count = expired.count()
        expired.delete()
    return count


def feedback_digest_send():
    """E-mail the readers how much feedback waits: counts and a link, never an item.

    Run by beat at fixed times (FEEDBACK_DIGEST_TIMES) and sent every time, even when nothing
    is new, so that neither the e-mail's time nor whether one was sent dates any feedback.
    Returns (new since the last digest, waiting to be read).
    """
    with transaction.atomic():
        # One UPDATE counts and marks in a single step, so feedback arriving meanwhile is
        # counted by this digest or by the next one, never by both or neither.
        new = Feedback.objects.filter(announced=False).update(announced=True)
        waiting = Feedback.objects.filter(status=Feedback.Status.NEW).count()
        readers = list(
            get_user_model()
            .objects.filter(groups__name=FEEDBACK_READERS, is_active=True)
            .values_list("email", flat=True)
            .distinct()
        )
        list_path = reverse("admin:feedback_feedback_changelist") + "?status__exact=new"
        emails.send(
            "feedback-digest",
            # Nobody in the group yet: the Collective's own address, so nothing goes unread.
            to=readers or [settings.CONTACT_EMAIL],
            context={"new": new, "waiting": waiting, "list_url": settings.SITE_URL + list_path},
        )
    return new, waiting
