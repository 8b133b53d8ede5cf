from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


def validate_cover_size(image):
    limit = settings.LIBRARY_COVER_MAX_BYTES
    if image.size > limit:
        raise ValidationError(
            gettext("The cover image is too large: choose a file under %(size)s MB.")
            % {"size": limit // (1024 * 1024)}
        )


# The languages a resource can be in: ISO 639-1 codes for the languages the Collective's members
# read in (those of the UK's largest communities, and those the portal speaks). Named in English
# here and translated like every other label; a resource's title is shown with its own `lang`.
RESOURCE_LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("bn", _("Bengali")),
    ("zh", _("Chinese")),
    ("fr", _("French")),
    ("de", _("German")),
    ("gu", _("Gujarati")),
    ("hi", _("Hindi")),
    ("it", _("Italian")),
    ("ku", _("Kurdish")),
    ("pa", _("Panjabi")),
    ("fa", _("Persian")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("so", _("Somali")),
    ("es", _("Spanish")),
    ("sw", _("Swahili")),
    ("ta", _("Tamil")),
    ("ti", _("Tigrinya")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ur", _("Urdu")),
    ("cy", _("Welsh")),
    ("yo", _("Yoruba")),
]


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def with_availability(self):
        """Each resource's lendable copies, copies out and people waiting, for the catalogue's
        "available now" / "2 waiting": subqueries on each row, one query for the whole page."""
        holding = Loan.objects.filter(
            copy__resource=OuterRef("pk"), copy__withdrawn=False, status__in=Loan.HOLDING
        )
        return self.annotate(
            lendable_copies=_count(Copy.objects.filter(resource=OuterRef("pk"), withdrawn=False)),
            copies_out=_count(holding),
            people_waiting=_count(
                Loan.objects.filter(resource=OuterRef("pk"), status=Loan.Status.WAITING)
            ),
        )


def _count(queryset):
    """A correlated COUNT(*) subquery (one query for the whole page, not one per row)."""
    # Func, not Count: an aggregate here would add a GROUP BY and count per row.
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class Resource(models.Model):
    class Kind(models.TextChoices):
        BOOK = "book", _("Book")
        ARTICLE = "article", _("Article")
        BLOG_POST = "blog_post", _("Blog post")
        VIDEO = "video", _("Video")
        PODCAST = "podcast", _("Podcast")
        REPORT = "report", _("Report")
        FILM = "film", _("Film")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BOOK)
    title = models.CharField(_("title"), max_length=300)
    creators = models.CharField(
        _("creators"),
        max_length=300,
        blank=True,
        help_text=_("Authors, presenters or makers, as credited."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1000), MaxValueValidator(2100)],
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        choices=RESOURCE_LANGUAGES,
        default="en",
        help_text=_("The language the resource is written or spoken in."),
    )
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    cover = models.ImageField(
        _("cover"),
        upload_to="library/covers/",
        blank=True,
        validators=[
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
            validate_cover_size,
        ],
        help_text=_("Optional. A JPEG, PNG or WebP image under 2 MB."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="resources"
    )
    recommended_by = models.CharField(_("recommended by"), max_length=200, blank=True)
    why_recommended = models.TextField(_("why it is recommended"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    # Filled by a PostgreSQL trigger (migration 0001) and GIN-indexed; stays empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        indexes = [
            models.Index(fields=["published", "kind"]),
            # The catalogue's language filter, and the list of languages it offers.
            models.Index(fields=["published", "language"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:resource-detail", args=[self.pk])

    def availability(self):
        """What the detail page says about borrowing: free copies, queue, earliest return."""
        # One query: each figure is a subquery on this resource's row.
        holding = Loan.objects.filter(
            copy__resource=OuterRef("pk"), copy__withdrawn=False, status__in=Loan.HOLDING
        )
        figures = (
            Resource.objects.filter(pk=self.pk)
            .annotate(
                lendable=_count(Copy.objects.filter(resource=OuterRef("pk"), withdrawn=False)),
                held=_count(holding),
                waiting=_count(
                    Loan.objects.filter(resource=OuterRef("pk"), status=Loan.Status.WAITING)
                ),
                earliest=Subquery(
                    holding.filter(status=Loan.Status.ON_LOAN)
                    .order_by("due_on")
                    .values("due_on")[:1]
                ),
            )
            .values("lendable", "held", "waiting", "earliest")
            .get()
        )
        return {
            "lendable": figures["lendable"],
            "free": max(figures["lendable"] - figures["held"], 0),
            "waiting": figures["waiting"],
            "earliest_return": figures["earliest"],
        }


class Copy(models.Model):
    class Condition(models.TextChoices):
        NEW = "new", pgettext_lazy("copy condition", "New")
        GOOD = "good", pgettext_lazy("copy condition", "Good")
        WORN = "worn", pgettext_lazy("copy condition", "Worn")
        DAMAGED = "damaged", pgettext_lazy("copy condition", "Damaged")

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="copies"
    )
    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("The label on the book.")
    )
    condition = models.CharField(
        _("condition"), max_length=20, choices=Condition.choices, default=Condition.GOOD
    )
    notes = models.TextField(_("notes"), blank=True)
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Withdrawn copies are never lent.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("copy")
        verbose_name_plural = _("copies")

    def __str__(self):
        return f"{self.code} ({self.resource})"


class Suggestion(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a curator")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Resource.Kind.choices)
    creators = models.CharField(_("creators"), max_length=300, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    why = models.TextField(_("why you recommend it"), max_length=4000)
    name = models.CharField(_("your name"), max_length=120, blank=True)
    # Set only when a member suggests, so that we can tell them what happened to it.
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_suggestions",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(_("decline reason"), blank=True)
    resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
        verbose_name=_("resource"),
    )
    # A date, not a time: a visitor's suggestion should not record when they were online.
    created_on = models.DateField(_("created on"), default=timezone.localdate)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["created_on", "id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self):
        return self.title

    def possible_duplicates(self):
        from library.search import similar_resources

        return similar_resources(title=self.title, link=self.link)


class LoanQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Loan.OPEN)

    def ended(self):
        return self.filter(status__in=Loan.ENDED)

    def for_member(self, user):
        return self.filter(borrower=user)

    def queue(self, resource):
        """The people waiting for a title, first come first served."""
        return self.filter(resource=resource, status=Loan.Status.WAITING).order_by(
            "requested_at", "id"
        )

    def due_soon(self, today=None):
        today = today or timezone.localdate()
        horizon = today + timedelta(days=settings.LIBRARY_DUE_SOON_DAYS)
        return self.filter(status=Loan.Status.ON_LOAN, due_on__gte=today, due_on__lte=horizon)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status=Loan.Status.ON_LOAN, due_on__lt=today)

    def with_queue_place(self):
        """Annotate waiting loans with their place in their title's queue (1 = next)."""
        ahead = Loan.objects.filter(
            resource=OuterRef("resource"), status=Loan.Status.WAITING
        ).filter(
            Q(requested_at__lt=OuterRef("requested_at"))
            | Q(requested_at=OuterRef("requested_at"), id__lt=OuterRef("id"))
        )
        return self.annotate(people_ahead=_count(ahead))


class Loan(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        WAITING = "waiting", _("Waiting for a copy")
        APPROVED = "approved", _("Approved, copy reserved")
        OFFERED = "offered", _("Copy offered")
        ON_LOAN = "on_loan", _("On loan")
        RETURNED = "returned", _("Returned")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Not collected in time")

    class Delivery(models.TextChoices):
        COLLECT = "collect", _("Collect in person")
        POST = "post", _("Post it to me")

    # States in which the loan holds a copy: at most one such loan per copy (constraint below).
    HOLDING = [Status.REQUESTED, Status.APPROVED, Status.OFFERED, Status.ON_LOAN]
    # States before the book comes back: at most one per member and title.
    OPEN = [Status.WAITING, *HOLDING]
    # Ended states: the postal address must be gone.
    ENDED = [Status.RETURNED, Status.DECLINED, Status.CANCELLED, Status.EXPIRED]
    CANCELLABLE = [Status.REQUESTED, Status.WAITING, Status.APPROVED, Status.OFFERED]

    resource = models.ForeignKey(
        Resource, verbose_name=_("resource"), on_delete=models.PROTECT, related_name="loans"
    )
    copy = models.ForeignKey(
        Copy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
        verbose_name=_("copy"),
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("borrower"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="library_loans",
    )
    # For someone without an account who asked by e-mail (staff record the request).
    borrower_name = models.CharField(_("borrower name"), max_length=120, blank=True)
    borrower_email = models.EmailField(_("borrower email"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    delivery = models.CharField(
        _("delivery"), max_length=20, choices=Delivery.choices, default=Delivery.COLLECT
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    # The queue is ordered by this; it is the moment the request was recorded.
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    pickup_by = models.DateField(_("pickup by"), null=True, blank=True)
    loaned_on = models.DateField(_("loaned on"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    decline_reason = models.TextField(_("decline reason"), blank=True)
    anonymised = models.BooleanField(_("anonymised"), default=False)

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        constraints = [
            # Two loans of one copy at once are impossible, whatever the code above does.
            models.UniqueConstraint(
                fields=["copy"],
                condition=Q(status__in=["requested", "approved", "offered", "on_loan"]),
                name="library_one_active_loan_per_copy",
            ),
            models.UniqueConstraint(
                fields=["resource", "borrower"],
                condition=Q(status__in=["waiting", "requested", "approved", "offered", "on_loan"]),
                name="library_one_open_request_per_member_and_title",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["requested", "approved", "offered", "on_loan"])
                | Q(copy__isnull=False),
                name="library_holding_loan_has_a_copy",
            ),
            # Least data: an address never outlives its loan.
            models.CheckConstraint(
                condition=~Q(status__in=["returned", "declined", "cancelled", "expired"])
                | Q(postal_address=""),
                name="library_ended_loan_has_no_address",
            ),
        ]
        indexes = [
            models.Index(fields=["resource", "status", "requested_at"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self):
        return f"{self.resource} — {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("library:loan-detail", args=[self.pk])

    @property
    def who(self):
        if self.borrower_id:
            return str(self.borrower)
        return self.borrower_name or (gettext("(anonymised)") if self.anonymised else "")

    @property
    def contact_email(self):
        return self.borrower.email if self.borrower_id else self.borrower_email

    def is_open(self):
        return self.status in self.OPEN

    def can_cancel(self):
        return self.status in self.CANCELLABLE

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status == self.Status.ON_LOAN and self.due_on is not None and self.due_on < today
        )

    def renewal_refusal(self):
        """Why this loan cannot be renewed now, or "" when it can."""
        if self.status != self.Status.ON_LOAN:
            return gettext("Only a book you have on loan can be renewed.")
        if self.renewals >= settings.LIBRARY_MAX_RENEWALS:
            return gettext("You have already renewed this loan as many times as we allow.")
        if Loan.objects.queue(self.resource_id).exists():
            return gettext("Someone is waiting for this book, so it cannot be renewed.")
        return ""


class LoanReminder(models.Model):
    """One row per e-mail sent about a loan: a job that runs twice finds it and sends nothing."""

    class Kind(models.TextChoices):
        READY = "ready", _("Ready to collect or post")
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    loan = models.ForeignKey(
        Loan, verbose_name=_("loan"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The loan's renewal count when sent: a renewed loan (new due date) earns fresh reminders.
    renewal = models.PositiveSmallIntegerField(_("renewal"), default=0)
    interval = models.PositiveSmallIntegerField(_("interval"), default=0)
    sent_on = models.DateField(_("sent on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("loan reminder")
        verbose_name_plural = _("loan reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "kind", "renewal", "interval"],
                name="library_one_reminder_per_loan_kind_interval",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.interval}) for loan {self.loan_id}"


class CuratorDigest(models.Model):
    """The day a digest went to the curators: the daily job sends at most one per day."""

    sent_on = models.DateField(_("sent on"), unique=True)

    class Meta:
        verbose_name = _("curator digest")
        verbose_name_plural = _("curator digests")

    def __str__(self):
        return self.sent_on.isoformat()
