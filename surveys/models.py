"""Surveys: the questionnaire (Survey → Section → Question → Choice) and what people answered.

Responses are kept apart from people. A Participation says *who* took part; a Response says
*what* was answered. For an anonymous survey nothing joins the two: the response has no user,
both have random UUID keys (no id order to line up) and only the date, never the time. The
answers first wait sealed (SealedResponse) and are written as a Response in a later batch, so
that not even the database's own bookkeeping (row order, `xmin`) pairs the two rows.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from collective.lib import versions


def _new_token():
    return secrets.token_urlsafe(18)


def _not_reserved(slug):
    # These addresses are taken by the surveys list's own pages.
    if slug in {"results", "link", "heard"}:
        raise ValidationError(gettext("This address is reserved: choose another."))


def survey_minutes(question_count):
    """A fair estimate of how long a survey takes, for the start page: about half a minute a
    question, rounded up, and never less than two minutes."""
    return max(2, -(-question_count // 2))


class SurveyQuerySet(models.QuerySet):
    def open_now(self):
        now = timezone.now()
        return self.filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
            status=Survey.Status.PUBLISHED,
        )

    def listed(self):
        """Open surveys every member sees in the list (link-only surveys are not listed)."""
        return self.open_now().filter(audience=Survey.Audience.MEMBERS)


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("All members (listed on the surveys page; sign-in needed)")
        LINK = "link", _("Anyone with the link (not listed; no sign-in needed if anonymous)")

    class Mode(models.TextChoices):
        IDENTIFIED = "identified", _("Identified: answers are linked to the member")
        ANONYMOUS = "anonymous", _("Anonymous: answers are kept apart from who took part")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[_not_reserved])
    intro = models.TextField(_("intro"), blank=True, help_text=_("Shown before the first page."))
    audience = models.CharField(
        _("audience"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.MEMBERS,
        help_text=_(
            "“Anyone with the link” lets people without an account answer an anonymous survey. "
            "An identified survey needs someone to link the answers to, so people who open its "
            "link are asked to sign in."
        ),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.ANONYMOUS)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, help_text=_("Empty: open once published.")
    )
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Empty: no closing date.")
    )
    threshold = models.PositiveSmallIntegerField(
        _("small-number threshold"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_("Counts that could reveal fewer people than this are shown as “withheld”."),
    )
    token = models.CharField(max_length=40, unique=True, default=_new_token, editable=False)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "title"]
        permissions = [("view_results", "Can see survey results and export them")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:survey-detail", args=[self.slug])

    def share_path(self):
        """The address to give people: link-only surveys are reached through their token."""
        if self.audience == self.Audience.LINK:
            return reverse("surveys:survey-link", args=[self.token])
        return self.get_absolute_url()

    @property
    def is_anonymous(self):
        return self.mode == self.Mode.ANONYMOUS

    @property
    def open_to_visitors(self):
        """People without an account may answer: only an anonymous survey reached by its link
        (an identified one has nobody to link the answers to)."""
        return self.audience == self.Audience.LINK and self.is_anonymous

    def is_open(self):
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and (self.opens_at is None or self.opens_at <= now)
            and (self.closes_at is None or self.closes_at > now)
        )

    def is_closed(self):
        return self.status == self.Status.CLOSED or (
            self.closes_at is not None and self.closes_at <= timezone.now()
        )

    def waiting_count(self):
        """Anonymous answers received but not yet released into the results."""
        return self.sealed_responses.count()


class Section(models.Model):
    """One page of the survey."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey")
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("intro"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "position", "id"]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        RATING = "rating", _("Rating scale")
        YES_NO = "yes_no", _("Yes or no")
        NUMBER = "number", _("Number")

    CHOICE_KINDS = {Kind.SINGLE, Kind.MULTIPLE, Kind.YES_NO}
    TEXT_KINDS = {Kind.SHORT_TEXT, Kind.LONG_TEXT}
    #: Kinds whose answers fall into categories that can be counted and cross-tabulated.
    CATEGORICAL_KINDS = CHOICE_KINDS | {Kind.RATING}

    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("text"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=False)
    required_message = models.CharField(
        _("message when left empty"),
        max_length=200,
        blank=True,
        help_text=_(
            "What to do, in a few words, e.g. “Choose how you found out about the Collective”. "
            "Left empty: a message that fits the kind of question (“Choose an answer”)."
        ),
    )
    min_value = models.IntegerField(
        _("min value"),
        null=True,
        blank=True,
        help_text=_("Rating scale and number: the lowest allowed."),
    )
    max_value = models.IntegerField(
        _("max value"),
        null=True,
        blank=True,
        help_text=_("Rating scale and number: the highest allowed."),
    )
    min_label = models.CharField(
        _("min label"), max_length=60, blank=True, help_text=_("Rating: lowest's label")
    )
    max_label = models.CharField(
        _("max label"), max_length=60, blank=True, help_text=_("Rating: label of the highest")
    )
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        help_text=_("Show this question only when an earlier choice question was answered…"),
        verbose_name=_("show if question"),
    )
    show_if_choices = models.ManyToManyField(
        "Choice",
        blank=True,
        related_name="+",
        help_text=_("…with one of these choices."),
        verbose_name=_("show if choices"),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def field_name(self):
        return f"q{self.pk}"

    def what_to_do(self):
        """The message next to a required question left empty: staff's words, or the kind's."""
        if self.required_message:
            return self.required_message
        return {
            self.Kind.MULTIPLE: gettext("Choose at least one answer"),
            self.Kind.RATING: gettext("Choose a rating"),
            self.Kind.SHORT_TEXT: gettext("Write your answer"),
            self.Kind.LONG_TEXT: gettext("Write your answer"),
            self.Kind.NUMBER: gettext("Enter a number"),
        }.get(self.kind, gettext("Choose an answer"))

    @property
    def other_field_names(self):
        """The form fields of this question's "other, please specify" boxes, one per choice."""
        return [choice.other_field_name for choice in self.choices.all() if choice.is_other]

    @property
    def order_key(self):
        return (self.section.position, self.section_id, self.position, self.pk)

    def ensure_yes_no_choices(self):
        """Yes/no answers are stored as choices, so they count and cross-tabulate like any other."""
        if self.kind == self.Kind.YES_NO and not self.choices.exists():
            from surveys.content_languages import original_language

            with original_language():  # the original text, whatever the admin's language
                Choice.objects.bulk_create(
                    [
                        Choice(question=self, text="Yes", position=0),
                        Choice(question=self, text="No", position=1),
                    ]
                )
            versions.bump("surveys.Choice")  # bulk_create sends no signal: cached structures


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("text"), max_length=200)
    group = models.CharField(
        _("group"),
        max_length=120,
        blank=True,
        help_text=_("Optional heading that groups choices (a fieldset)."),
    )
    is_other = models.BooleanField(
        _("other, please specify"), default=False, help_text=_("Shows a box to say more.")
    )
    is_prefer_not_to_say = models.BooleanField(
        _("prefer not to say"), default=False, help_text=_("Cannot be ticked with other choices.")
    )

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position", "id"]

    def __str__(self):
        return self.text

    @property
    def other_field_name(self):
        """The form field of this choice's own "please specify" box (when `is_other`)."""
        return f"q{self.question_id}_other_{self.pk}"

    @property
    def other_label(self):
        """The box's label, said for this choice: "Any other Asian background" asks to
        "Describe your Asian background" (GOV.UK's ethnic-group pattern)."""
        if self.text.startswith("Any other "):
            return gettext("Describe your %(background)s") % {
                "background": self.text[len("Any other ") :]
            }
        return gettext("%(choice)s: please specify") % {"choice": self.text}


class Participation(models.Model):
    """Who has taken part (one per member per survey). For anonymous surveys it is the only
    record that names the member, and it holds nothing about their answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="participations", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_participations",
        verbose_name=_("user"),
    )
    # Date only: a time of day could be matched against a response's.
    took_part_on = models.DateField(_("took part on"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["-took_part_on"]
        constraints = [
            # One response per member, enforced by the database even for two submits at once.
            models.UniqueConstraint(fields=["survey", "user"], name="one_participation_per_member")
        ]

    def __str__(self):
        return gettext("Took part on %(date)s") % {"date": self.took_part_on}


class Response(models.Model):
    """What was answered. `user` is set for identified surveys only.

    `submission_key` is set for answers sent by a visitor (no account): a keyed hash of a random
    number the review form carried, so the same form sent twice is saved once. It is made fresh
    for each form and says nothing about who sent it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("user"),
    )
    submitted_on = models.DateField(_("submitted on"))
    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_response_per_member")
        ]

    def __str__(self):
        return gettext("Response of %(date)s") % {"date": self.submitted_on}


class SealedResponse(models.Model):
    """An anonymous survey's answers, received and waiting to be released into the results.

    The submit writes this row in the same transaction as the member's Participation, so for a
    few minutes the two share a transaction stamp (`xmin`). `surveys.services.responses_release`
    then writes the Response and Answer rows for a whole batch, in random order, in a
    transaction of its own, and deletes these rows. Hence: no user, a random key, no date,
    nothing sequential, and the answers encrypted while they wait.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sealed_responses", verbose_name=_("survey")
    )
    #: Encrypted (surveys.sealing): a JSON list with one item per future Answer row,
    #: {"question": id, "choice": id|None, "number": int|None, "text": str}.
    answers = models.TextField()
    # A visitor's form nonce, hashed (see Response.submission_key); copied to the Response.
    submission_key = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("sealed response")
        verbose_name_plural = _("sealed responses")

    def __str__(self):
        return gettext("Answers waiting to be released")


class Answer(models.Model):
    """One answer: a choice (one row per ticked choice), a number, or text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    choice = models.ForeignKey(
        Choice,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("choice"),
    )
    number = models.IntegerField(_("number"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["question", "choice"]),
            # Breakdowns join a response's answer to one question with its answer to another.
            models.Index(fields=["response", "question"]),
            # The export streams one question's answers in id order with a server-side cursor:
            # without this index PostgreSQL walks the whole answer table in id order.
            models.Index(fields=["question", "id"], name="surveys_answer_question_id_idx"),
        ]

    def __str__(self):
        return self.text or str(self.number or self.choice_id)


class Draft(models.Model):
    """Answers saved so far, so a member can come back later. Deleted when they submit."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_drafts",
        verbose_name=_("user"),
    )
    data = models.JSONField(default=dict)
    page = models.PositiveSmallIntegerField(_("page"), default=1)
    saved_on = models.DateField(_("saved on"), auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_draft_per_member")
        ]

    def __str__(self):
        return gettext("Draft of %(survey)s") % {"survey": self.survey_id}


class InvitationSend(models.Model):
    """One invitation or reminder sent by staff to all members or to one group."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder (only to members who have not taken part)")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sends", verbose_name=_("survey")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    group = models.ForeignKey(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("Empty: every member with a verified e-mail address."),
        verbose_name=_("group"),
    )
    created_on = models.DateField(_("created on"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("invitation send")
        verbose_name_plural = _("invitation sends")
        ordering = ["-created_on", "-id"]

    def __str__(self):
        return gettext("%(kind)s for %(survey)s") % {
            "kind": self.get_kind_display(),
            "survey": self.survey,
        }


class Recipient(models.Model):
    send = models.ForeignKey(
        InvitationSend, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("send")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_invitations",
        verbose_name=_("user"),
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            # A task that runs twice must not e-mail anyone twice for the same send.
            models.UniqueConstraint(fields=["send", "user"], name="one_message_per_send")
        ]

    def __str__(self):
        return gettext("%(user)s for send %(send)s") % {"user": self.user_id, "send": self.send_id}


class ResultsSnapshot(models.Model):
    """A survey's protected results, as last computed in the background.

    Counting every pair of questions and auditing them together is slow on a big survey, so
    `surveys.tasks.results_refresh` does it once per change of the responses and stores the
    outcome here; pages and CSVs only read it. `response_count` and `structure_key` say what
    it was computed for: when either no longer matches, it is stale and a refresh is queued.
    """

    survey = models.OneToOneField(
        Survey, on_delete=models.CASCADE, related_name="results_snapshot", verbose_name=_("survey")
    )
    response_count = models.PositiveIntegerField(_("response count"))
    structure_key = models.CharField(max_length=64)
    computed_at = models.DateTimeField(_("computed at"))
    data = models.JSONField(default=dict)
    breakdowns = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("results snapshot")
        verbose_name_plural = _("results snapshots")

    def __str__(self):
        return gettext("Results of %(survey)s at %(count)s responses") % {
            "survey": self.survey_id,
            "count": self.response_count,
        }


class FindingsQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_on__isnull=False)

    def visible_to(self, user):
        """Published findings this person may read: everyone's, and members' when signed in."""
        findings = self.published()
        if not user.is_authenticated:
            findings = findings.filter(audience=Findings.Audience.EVERYONE)
        return findings


class Findings(models.Model):
    """What we heard: a closed survey's protected results, a written summary and what the
    Collective will do about it, published by a survey manager to members or to everyone.

    The numbers are the same protected results survey managers see (`survey_results`), never
    more, so publishing them reveals nothing the staff pages hide; written answers are not
    published at all.
    """

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members (signed in)")
        EVERYONE = "everyone", _("Everyone")

    survey = models.OneToOneField(
        Survey, on_delete=models.CASCADE, related_name="findings", verbose_name=_("survey")
    )
    summary = models.TextField(
        _("summary"),
        help_text=_(
            "What we heard, in plain words. Blank lines make paragraphs. Quote nobody in "
            "a way that could identify them."
        ),
    )
    actions = models.TextField(
        _("actions"),
        help_text=_("What the Collective will do about it, and when. Blank lines make paragraphs."),
    )
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    show_results = models.BooleanField(
        _("show results"),
        default=True,
        help_text=_(
            "Show the protected numbers: the same ones survey managers see, with small "
            "numbers withheld. Written answers are never published."
        ),
    )
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Set when published; empty while it is a draft."),
    )

    objects = FindingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("what we heard")
        verbose_name_plural = _("what we heard")
        ordering = ["-published_on", "-id"]

    def __str__(self):
        return gettext("What we heard: %(title)s") % {"title": self.survey.title}

    def get_absolute_url(self):
        return reverse("surveys:findings-detail", args=[self.survey.slug])

    @property
    def is_published(self):
        return self.published_on is not None

    def can_publish(self):
        """Only a closed survey's findings are published: every answer is in by then."""
        return self.survey.is_closed()
