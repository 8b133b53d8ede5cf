from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class EmailUserManager(UserManager):
    """Users log in by e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How you would like to be named. Optional."),
    )
    pronouns = models.CharField(
        _("pronouns"),
        max_length=40,
        blank=True,
        help_text=_("For example she/her, they/them. Optional."),
    )
    # Blank: none chosen; pages follow the browser, e-mails are in LANGUAGE_CODE.
    language = models.CharField(
        _("language for e-mails and pages"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("E-mails from the portal are written in this language."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email.split("@")[0]


class OutgoingEmail(models.Model):
    """The e-mail outbox: a message is saved with the change that caused it, then sent by Celery.

    If Redis or the worker is down when the change commits, the row waits here and the
    `send_pending_emails` beat job sends it later: nothing is dropped (principle 4). A row is
    deleted once the message has been handed to the mail server (principle 6).
    """

    to = models.JSONField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    html = models.TextField(_("html"), blank=True)
    from_email = models.CharField(_("from email"), max_length=255)
    # Date only: an outbox row must never give the time of day an anonymous action happened.
    created_on = models.DateField(_("created on"), auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["id"]

    def __str__(self):
        return self.subject


class Session(AbstractBaseSession):
    """Django's database session, plus the signed-in user (collective.sessions fills it in).

    Stock sessions hide the user inside the encoded data, so ending "every session of this
    user" would mean decoding every session in the table. With the user in an indexed column,
    deleting an account deletes its sessions through the foreign key, in the same transaction.
    No database constraint: a session saved while its user is being deleted must not fail.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
    )

    @classmethod
    def get_session_store_class(cls):
        from collective.sessions import SessionStore

        return SessionStore


class CommitmentQuerySet(models.QuerySet):
    def with_latest_update(self):
        """Each commitment with its newest update's date and text and its number of updates,
        in one query however many updates there are."""
        updates = CommitmentUpdate.objects.filter(commitment=models.OuterRef("pk"))
        newest = updates.order_by("-published_on", "-id")
        count = updates.order_by().values("commitment").annotate(n=models.Count("id")).values("n")
        return self.annotate(
            latest_on=models.Subquery(newest.values("published_on")[:1]),
            latest_text=models.Subquery(newest.values("text")[:1]),
            update_count=Coalesce(models.Subquery(count), 0),
        )


class Commitment(models.Model):
    """One of the Collective's commitments on becoming an anti-racist community.

    Staff keep each one's status and write dated updates, so members can see what has been done
    rather than take it on trust (the seed is itself such an update).
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        STARTED = "started", _("Started")
        ONGOING = "ongoing", _("Ongoing")
        DONE = "done", _("Done")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(
        _("summary"), help_text=_("What the Collective has committed to, in plain words.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Commitments are listed in this order, smallest first."),
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitment-detail", args=[self.slug])


class CommitmentUpdate(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("commitment"),
    )
    published_on = models.DateField(
        _("published on"),
        default=timezone.localdate,
        help_text=_("The date shown with the update."),
    )
    text = models.TextField(
        _("text"), help_text=_("What has happened. Plain text; blank lines make paragraphs.")
    )

    class Meta:
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["commitment", "-published_on", "-id"])]

    def __str__(self):
        return _("%(commitment)s: update of %(date)s") % {
            "commitment": self.commitment,
            "date": date_format(self.published_on, "j E Y"),  # the month in the reader's language
        }
