import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from facilitation.sanitise import clean_notes_html


class Area(models.TextChoices):
    ALLYSHIP = "allyship", _("Allyship in co-production")
    MICROAGGRESSIONS = "microaggressions", _("Responding to microaggressions")
    ANTI_RACISM = "anti_racism", _("Anti-racism")
    LIVED_EXPERIENCE = "lived_experience", _("Lived experience")
    OTHER = "other", pgettext_lazy("area", "Other")


def normalise_name(name):
    """Case- and space-insensitive form of a name, used to spot the same facilitator twice."""
    return " ".join(name.casefold().split())


def normalise_website(url):
    """Host and path without scheme, "www.", trailing slash or query: how people write one site."""
    if not url:
        return ""
    parts = urlsplit(url.strip() if "://" in url else f"https://{url.strip()}")
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}".casefold()


class FacilitatorQuerySet(models.QuerySet):
    def public(self):
        """The shortlist and who was engaged: what members may see."""
        return self.filter(status__in=Facilitator.PUBLIC_STATUSES)

    def with_recommendation_count(self):
        return self.annotate(recommendation_count=Count("recommendations", distinct=True))

    def matching(self, *, name="", website="", email=""):
        """Facilitators who are probably the same person: same site, same e-mail or same name."""
        condition = Q(pk__in=[])
        if website and normalise_website(website):
            condition |= Q(website_key=normalise_website(website))
        if email:
            condition |= Q(contact_email__iexact=email.strip())
        if name and normalise_name(name):
            condition |= Q(name_key=normalise_name(name))
        return self.filter(condition)


class Facilitator(models.Model):
    class Status(models.TextChoices):
        RECOMMENDED = "recommended", _("Recommended")
        UNDER_REVIEW = "under_review", _("Under review")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        CONTACTED = "contacted", _("Contacted")
        ENGAGED = "engaged", _("Engaged")
        NOT_TAKEN_FORWARD = "not_taken_forward", _("Not taken forward")

    # The review moves forward one step at a time; "not taken forward" can end any open step,
    # and a facilitator not taken forward can be looked at again.
    TRANSITIONS = {
        Status.RECOMMENDED: {Status.UNDER_REVIEW, Status.NOT_TAKEN_FORWARD},
        Status.UNDER_REVIEW: {Status.SHORTLISTED, Status.NOT_TAKEN_FORWARD},
        Status.SHORTLISTED: {Status.CONTACTED, Status.NOT_TAKEN_FORWARD},
        Status.CONTACTED: {Status.ENGAGED, Status.NOT_TAKEN_FORWARD},
        Status.ENGAGED: {Status.NOT_TAKEN_FORWARD},
        Status.NOT_TAKEN_FORWARD: {Status.UNDER_REVIEW},
    }
    ORDER = list(Status.values)
    PUBLIC_STATUSES = [Status.SHORTLISTED, Status.CONTACTED, Status.ENGAGED]

    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    areas = models.JSONField(
        _("areas"), default=list, blank=True, help_text=_("What they facilitate on.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECOMMENDED
    )
    not_taken_forward_reason = models.TextField(_("not taken forward reason"), blank=True)
    notes = models.TextField(
        _("coordinators' notes"), blank=True, help_text=_("Private: only coordinators see these.")
    )
    # Normalised copies, kept in the database so a duplicate is found by an indexed lookup.
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    website_key = models.CharField(max_length=500, editable=False, blank=True, db_index=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = FacilitatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        constraints = [
            # The same name, website or e-mail means the same facilitator (see matching()), so
            # two records of one facilitator cannot exist, even when two members recommend
            # them at the same moment.
            models.UniqueConstraint(fields=["name_key"], name="one_facilitator_per_name"),
            models.UniqueConstraint(
                fields=["website_key"],
                condition=~Q(website_key=""),
                name="one_facilitator_per_website",
            ),
            models.UniqueConstraint(
                Lower("contact_email"),
                condition=~Q(contact_email=""),
                name="one_facilitator_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def save(self, *args, **kwargs):
        self.name_key = normalise_name(self.name)
        self.website_key = normalise_website(self.website)
        super().save(*args, **kwargs)

    def clean(self):
        if self.status == self.Status.NOT_TAKEN_FORWARD and not self.not_taken_forward_reason:
            raise ValidationError(
                {
                    "not_taken_forward_reason": gettext(
                        "Say why this facilitator is not taken forward."
                    )
                }
            )

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]

    def get_areas_display(self):
        labels = dict(Area.choices)
        return [labels[area] for area in self.areas if area in labels]


class Recommendation(models.Model):
    facilitator = models.ForeignKey(
        Facilitator,
        verbose_name=_("facilitator"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="facilitator_recommendations",
    )
    how_known = models.TextField(_("how you know them"), max_length=2000)
    why = models.TextField(_("why you recommend them"), max_length=2000)
    created_on = models.DateField(_("created on"), default=timezone.localdate)

    class Meta:
        ordering = ["created_on", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["facilitator", "member"], name="one_recommendation_per_member"
            )
        ]

    def __str__(self):
        return gettext("%(member)s recommends %(name)s") % {
            "member": self.member,
            "name": self.facilitator.name,
        }


class SessionQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def with_counts(self):
        return self.annotate(
            registered_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            ),
            waiting_count=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
        )


class Session(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    title = models.CharField(_("title"), max_length=200)
    topic = models.TextField(_("topic"), max_length=2000)
    facilitator = models.ForeignKey(
        Facilitator,
        verbose_name=_("facilitator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.ONLINE
    )
    # "place" as in where the session is held (a place *on* a session is a registration).
    place = models.CharField(
        pgettext_lazy("where a session is held", "place"),
        max_length=300,
        blank=True,
        help_text=_("Address, for in person."),
    )
    online_link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to people with a place."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=20)
    ground_rules = models.TextField(
        _("ground rules"),
        help_text=_("The ground rules of the safe space, shown before anyone registers or asks."),
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": gettext("The session must end after it starts.")})
        if self.format == self.Format.ONLINE and not self.online_link:
            raise ValidationError({"online_link": gettext("An online session needs a link.")})
        if self.format == self.Format.IN_PERSON and not self.place:
            raise ValidationError({"place": gettext("A session in person needs a place.")})

    def has_started(self):
        return self.starts_at <= timezone.now()

    def is_over(self):
        return self.ends_at < timezone.now()


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")

    ACTIVE = [Status.REGISTERED, Status.WAITING]

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="session_registrations",
    )
    access_needs = models.TextField(
        _("access needs"),
        max_length=2000,
        blank=True,
        help_text=_("Only the facilitation coordinators see this."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # Orders the waiting list: first come, first served. Reset when someone registers again.
    created = models.DateTimeField(_("created"), default=timezone.now)
    reminded_on = models.DateField(_("reminded on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One row per member and session: cancelling and registering again reuses it.
            models.UniqueConstraint(
                fields=["session", "member"], name="one_registration_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.session} ({self.get_status_display()})"

    def audit_label(self):
        # The admin log outlives the member's account: it names the session, not the person.
        return f"A place on “{self.session}”"

    @property
    def is_active(self):
        return self.status in self.ACTIVE


class QuestionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Question.Status.APPROVED)

    def by_support(self):
        return self.annotate(support_count=Count("supports")).order_by("-support_count", "text")


class Question(models.Model):
    """A question asked anonymously before a session ("ask without being judged").

    Deliberately holds no author, no time of day and no sequential id: nothing stored can tie it
    to the member who asked (principle 1).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("text"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    asked_on = models.DateField(_("asked on"), default=timezone.localdate, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["asked_on", "text"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text[:80]

    def audit_label(self):
        # The admin log keeps no question text (it outlives the question).
        return f"A question for “{self.session}”"


class SupportKey(models.Model):
    """The random key of one session's support digests, kept only while supports are open.

    Supports close when the session starts; then the key is destroyed (set to NULL, which
    also marks the session closed for good, so a later key can never let anyone support
    twice). From then on nobody, not even with SECRET_KEY and the whole database, can
    recompute who supported which question (docs/privacy.md).
    """

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, primary_key=True, related_name="support_key"
    )
    key = models.BinaryField(max_length=32, null=True)

    class Meta:
        # Never browsed, but named in the admin's list of what deleting a session removes.
        verbose_name = _("support key")
        verbose_name_plural = _("support keys")

    def __str__(self):
        return f"Support key of {self.session}"


class Support(models.Model):
    """One member's support for a question, stored as a keyed hash of (member, question).

    The unique digest stops a member supporting twice; while the session's SupportKey exists
    the server can recompute it for the member who is signed in, but a row on its own names
    nobody, and once the key is destroyed nobody can recompute it at all.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="supports")
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        # Never browsed, but named in the admin's list of what deleting a question removes.
        verbose_name = _("support")
        verbose_name_plural = _("supports")

    def __str__(self):
        return gettext("A member's support")


class MeetingNoteQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True).order_by("-published_on", "-id")


class MeetingNote(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="notes"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Formatted text: paragraphs, headings (h2–h4), lists, bold, italic, links and "
            "quotes. Anything else is removed when you save."
        ),
    )
    published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    objects = MeetingNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("meeting note")
        verbose_name_plural = _("meeting notes")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_notes_html(self.body)
        if self.published and not self.published_on:
            self.published_on = timezone.localdate()
        super().save(*args, **kwargs)

    @property
    def body_html(self):
        # Cleaned again on the way out, so a row written around save() still renders safely.
        return clean_notes_html(self.body)
