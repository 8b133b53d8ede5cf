"""Anonymous feedback and the thread of replies that its receipt code opens.

Nothing here can point at a person (principle 1): random UUID keys (no sequence that lines up
with another table), dates without a time of day, no user, no address, no user agent. The only
way back to a piece of feedback from outside the admin is its receipt code, of which we keep a
keyed hash.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class FeedbackQuerySet(models.QuerySet):
    def for_code(self, code):
        """The feedback this receipt code opens, or None."""
        from feedback.receipts import code_hash

        return self.filter(receipt_hash=code_hash(code)).first()

    def expired(self, *, today=None):
        """Closed feedback past its retention period."""
        today = today or timezone.localdate()
        cutoff = today - timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
        return self.filter(status=Feedback.Status.CLOSED, closed_on__lte=cutoff)


class Feedback(models.Model):
    class Topic(models.TextChoices):
        GENERAL = "general", _("General thoughts")
        BARRIER = "barrier", _("A barrier to taking part")
        RESOURCE = "resource", _("A resource to suggest")
        FACILITATOR = "facilitator", _("A facilitator to suggest")
        INCIDENT = "incident", _("Something that happened")
        OTHER = "other", pgettext_lazy("feedback topic", "Other")

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("feedback status", "New")
        READ = "read", pgettext_lazy("feedback status", "Read")
        ACTIONED = "actioned", pgettext_lazy("feedback status", "Actioned")
        CLOSED = "closed", pgettext_lazy("feedback status", "Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("message"))
    # The day only: a time of day could be matched with who was online (principle 1).
    received_on = models.DateField(_("received on"), default=timezone.localdate, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Seen by feedback readers only, never the sender."),
    )
    wants_reply = models.BooleanField(_("wants a reply by e-mail"), default=False)
    contact_name = models.CharField(_("contact name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    # HMAC-SHA256 of the receipt code (feedback.receipts): the code itself is never stored.
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    # Counted by a digest yet? Set by the digest (feedback_digest_send), cleared when the sender
    # answers. A flag, not a time: it only says "since the last digest", as the e-mail does.
    announced = models.BooleanField(default=False, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-received_on", "id"]
        constraints = [
            # Contact details exist only when the sender asked for a reply, and gave up anonymity.
            models.CheckConstraint(
                condition=Q(wants_reply=True) | Q(contact_name="", contact_email=""),
                name="feedback_contact_only_with_reply",
            ),
            models.CheckConstraint(
                condition=Q(wants_reply=False) | ~Q(contact_email=""),
                name="feedback_reply_needs_email",
            ),
            # The retention job relies on closed_on: closed feedback always has one.
            models.CheckConstraint(
                condition=Q(status="closed", closed_on__isnull=False)
                | (~Q(status="closed") & Q(closed_on__isnull=True)),
                name="feedback_closed_on_iff_closed",
            ),
        ]
        indexes = [models.Index(fields=["status", "closed_on"])]

    def __str__(self):
        # No message text: this string ends up in the admin's action log, which outlives us.
        # The month in the reader's language ("01 Dec 2026"; strftime's would stay English).
        return f"{self.get_topic_display()} — {date_format(self.received_on, 'd M Y')}"

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class Message(models.Model):
    """One reply in a feedback thread, from the staff or from the (still anonymous) sender.

    The author is a flag, never a user: the sender has no account here, and which staff member
    wrote is recorded by the admin's own log.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    feedback = models.ForeignKey(
        Feedback,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("feedback"),
    )
    from_staff = models.BooleanField(_("from staff"))
    body = models.TextField(_("body"))
    sent_on = models.DateField(_("sent on"), default=timezone.localdate, editable=False)
    # Order within the thread (dates alone cannot order two replies on one day). It counts
    # within one thread only, so it lines up with nothing elsewhere.
    position = models.PositiveIntegerField(_("position"), editable=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["feedback", "position"]
        constraints = [
            models.UniqueConstraint(fields=["feedback", "position"], name="message_unique_position")
        ]

    def __str__(self):
        date = date_format(self.sent_on, "d M Y")
        if self.from_staff:
            return gettext("Staff reply on %(date)s") % {"date": date}
        return gettext("Sender reply on %(date)s") % {"date": date}
