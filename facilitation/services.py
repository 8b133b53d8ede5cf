"""Writes of the facilitation app: each one atomic, keyword-only, named <entity>_<action>."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from collective.lib import emails, versions
from facilitation.models import (
    Facilitator,
    Question,
    Recommendation,
    Registration,
    Session,
    Support,
    SupportKey,
)

# ---- facilitators -------------------------------------------------------------------------


def facilitator_recommend(
    *,
    member,
    name,
    how_known,
    why,
    organisation="",
    website="",
    areas=(),
    contact_email="",
    contact_phone="",
):
    """Record a member's recommendation. Returns (recommendation, was_already_recommended).

    If the facilitator is already known (same website, e-mail or name) the recommendation is
    added to them instead of creating a duplicate, and any blank details are filled in.
    """
    details = {
        "name": name.strip(),
        "organisation": organisation,
        "website": website,
        "areas": list(areas),
        "contact_email": contact_email,
        "contact_phone": contact_phone,
    }
    try:
        return _recommend(member=member, how_known=how_known, why=why, **details)
    except IntegrityError:
        # Another member created the same facilitator at the same moment (the unique
        # constraints on name, website and e-mail refused ours): join theirs instead.
        return _recommend(member=member, how_known=how_known, why=why, **details)


def _recommend(*, member, how_known, why, **details):
    with transaction.atomic():
        facilitator = (
            Facilitator.objects.matching(
                name=details["name"], website=details["website"], email=details["contact_email"]
            )
            .select_for_update()
            .order_by("created", "pk")
            .first()
        )
        existed = facilitator is not None
        if existed:
            if facilitator.recommendations.filter(member=member).exists():
                raise ValidationError(
                    _(
                        "You have already recommended %(name)s. You can see your "
                        "recommendations, and withdraw one, from your recommendations page."
                    )
                    % {"name": facilitator.name}
                )
            areas = details.pop("areas")
            details.pop("name")
            _fill_blanks(facilitator, **details)
            facilitator.areas = _merge_areas(facilitator.areas, areas)
            facilitator.save()
        else:
            facilitator = Facilitator.objects.create(**details)
        recommendation = Recommendation.objects.create(
            facilitator=facilitator, member=member, how_known=how_known, why=why
        )
    return recommendation, existed


def _fill_blanks(facilitator, **values):
    for field, value in values.items():
        if (
            value
            and not getattr(facilitator, field)
            and not _held_by_another(facilitator, field, value)
        ):
            setattr(facilitator, field, value)


def _held_by_another(facilitator, field, value):
    """A website or e-mail address that already identifies another facilitator stays theirs."""
    lookup = {"website": "website", "contact_email": "email"}.get(field)
    if lookup is None:
        return False
    return Facilitator.objects.matching(**{lookup: value}).exclude(pk=facilitator.pk).exists()


def _merge_areas(first, second):
    return list(dict.fromkeys([*first, *second]))


def recommendation_withdraw(*, recommendation):
    """Withdraw a recommendation. A facilitator nobody recommends any more, and whom the
    coordinators have not started to review, is deleted with their contact details."""
    with transaction.atomic():
        facilitator = Facilitator.objects.select_for_update().get(pk=recommendation.facilitator_id)
        recommendation.delete()
        _delete_if_unwanted(facilitator)


def _delete_if_unwanted(facilitator):
    untouched = facilitator.status == Facilitator.Status.RECOMMENDED and not facilitator.notes
    if untouched and not facilitator.recommendations.exists():
        facilitator.delete()


def facilitator_move(*, facilitator, status, reason=""):
    """Move a facilitator to the next step of the review. Raises ValidationError if not allowed."""
    with transaction.atomic():
        facilitator = Facilitator.objects.select_for_update().get(pk=facilitator.pk)
        if not facilitator.can_move_to(status):
            raise ValidationError(
                _("%(name)s is %(status)s and cannot move to %(next)s.")
                % {
                    "name": facilitator.name,
                    "status": facilitator.get_status_display().lower(),
                    "next": Facilitator.Status(status).label.lower(),
                }
            )
        if status == Facilitator.Status.NOT_TAKEN_FORWARD and not reason.strip():
            raise ValidationError(_("Say why this facilitator is not taken forward."))
        facilitator.status = status
        facilitator.not_taken_forward_reason = (
            reason.strip() if status == Facilitator.Status.NOT_TAKEN_FORWARD else ""
        )
        facilitator.save(update_fields=["status", "not_taken_forward_reason"])
    return facilitator


def facilitator_merge(*, keep, duplicate):
    """Merge two records of the same person into `keep` and delete `duplicate`.

    Recommendations move across (one per member: if a member recommended both, the one on
    `keep` stays), both sets of notes are kept, blank details are filled in, and the review
    keeps whichever record had gone further.
    """
    if keep.pk == duplicate.pk:
        raise ValidationError(_("Choose two different facilitators to merge."))
    with transaction.atomic():
        locked = Facilitator.objects.select_for_update().in_bulk([keep.pk, duplicate.pk])
        keep, duplicate = locked[keep.pk], locked[duplicate.pk]
        members_on_keep = keep.recommendations.values("member_id")
        duplicate.recommendations.filter(member_id__in=members_on_keep).delete()
        duplicate.recommendations.update(facilitator=keep)
        duplicate.sessions.update(facilitator=keep)
        versions.bump("facilitation.Session")  # update() sends no signal: cached session lists
        # Gone before its details are copied, so its website and e-mail are free to take.
        duplicate.delete()
        _fill_blanks(
            keep,
            organisation=duplicate.organisation,
            website=duplicate.website,
            contact_email=duplicate.contact_email,
            contact_phone=duplicate.contact_phone,
            not_taken_forward_reason=duplicate.not_taken_forward_reason,
        )
        keep.areas = _merge_areas(keep.areas, duplicate.areas)
        keep.notes = "\n\n".join(
            note for note in [keep.notes, _labelled_notes(duplicate)] if note
        ).strip()
        if _further_along(duplicate.status, keep.status):
            keep.status = duplicate.status
        keep.save()
    return keep


def _labelled_notes(facilitator):
    if not facilitator.notes:
        return ""
    return f"[Merged from {facilitator}]\n{facilitator.notes}"


def _further_along(status, than):
    order = Facilitator.ORDER
    # "Not taken forward" is a decision, not progress: it never overrides an open review.
    if status == Facilitator.Status.NOT_TAKEN_FORWARD:
        return False
    return than == Facilitator.Status.NOT_TAKEN_FORWARD or order.index(status) > order.index(than)


# ---- sessions and registrations ----------------------------------------------------------


def registration_register(*, session, member, access_needs=""):
    """Give the member a place, or a place on the waiting list when the session is full.

    The session row is locked first, so concurrent registrations for the last places are
    decided one after another and never overfill the session.
    """
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.has_started():
            raise ValidationError(_("This session has already started, so registration is closed."))
        registration = Registration.objects.filter(session=session, member=member).first()
        if registration is not None and registration.is_active:
            raise ValidationError(_("You are already registered for this session."))
        taken = session.registrations.filter(status=Registration.Status.REGISTERED).count()
        status = (
            Registration.Status.REGISTERED
            if taken < session.capacity
            else Registration.Status.WAITING
        )
        if registration is None:
            registration = Registration(session=session, member=member)
        registration.status = status
        registration.access_needs = access_needs
        registration.created = timezone.now()
        registration.reminded_on = None
        registration.save()
    return registration


def registration_cancel(*, registration):
    """Cancel a place (or a place on the waiting list); a freed place goes to the first waiting."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=registration.session_id)
        registration = Registration.objects.get(pk=registration.pk)
        if not registration.is_active:
            return registration
        registration.status = Registration.Status.CANCELLED
        registration.save(update_fields=["status"])
        session_fill_places(session=session)
    return registration


def session_fill_places(*, session):
    """Move people from the waiting list into free places, in order, and e-mail each of them."""
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if session.has_started():
            return []
        taken = session.registrations.filter(status=Registration.Status.REGISTERED).count()
        free = max(session.capacity - taken, 0)
        promoted = list(
            session.registrations.filter(status=Registration.Status.WAITING)
            .select_related("member")
            .order_by("created", "pk")[:free]
        )
        for registration in promoted:
            registration.status = Registration.Status.REGISTERED
            registration.save(update_fields=["status"])
            emails.send(
                "facilitation-place-offered",
                to=[registration.member.email],
                context={"registration": registration, "session": session},
            )
    return promoted


def registration_remind(*, registration_id):
    """Send the day-before reminder once, however many times the job runs."""
    with transaction.atomic():
        # The conditional update claims the reminder: a second run finds reminded_on set.
        claimed = Registration.objects.filter(
            pk=registration_id, status=Registration.Status.REGISTERED, reminded_on__isnull=True
        ).update(reminded_on=timezone.localdate())
        if not claimed:
            return False
        registration = Registration.objects.select_related("session", "member").get(
            pk=registration_id
        )
        emails.send(
            "facilitation-reminder",
            to=[registration.member.email],
            context={"registration": registration, "session": registration.session},
        )
    return True


def access_needs_purge(*, older_than_days):
    """Forget access needs once a session is long over: they were only needed to hold it."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    with transaction.atomic():
        return (
            Registration.objects.filter(session__ends_at__lt=cutoff)
            .exclude(access_needs="")
            .update(access_needs="")
        )


# ---- anonymous questions --------------------------------------------------------------------


def question_ask(*, session, text):
    """Store a question with no author. Nothing about the asker is passed in, so none is kept."""
    if session.has_started():
        raise ValidationError(_("This session has started, so questions are closed."))
    return Question.objects.create(session=session, text=text.strip())


def question_moderate(*, question, status):
    if status not in (Question.Status.APPROVED, Question.Status.REJECTED):
        raise ValidationError(_("A question can only be approved or rejected."))
    with transaction.atomic():
        Question.objects.filter(pk=question.pk).update(status=status)
    question.status = status
    return question


class SupportsClosed(ValidationError):
    """The session has started: its support key is gone, so no support can be checked."""


def support_digest(*, key, member_id, question_id):
    """A keyed hash of (member, question); meaningless on its own.

    The HMAC key mixes the session's own key with SECRET_KEY: while supports are open a
    database backup alone is not enough to test who supported what, and once the session's key
    is destroyed nothing is.
    """
    hmac_key = salted_hmac("facilitation.support-key", key, algorithm="sha256").digest()
    return hmac.new(hmac_key, f"{member_id}:{question_id}".encode(), hashlib.sha256).hexdigest()


def _open_support_key(session):
    """The session's key while supports are open (made on first use), else None."""
    if session.has_started():
        return None
    row, _ = SupportKey.objects.get_or_create(
        session=session, defaults={"key": secrets.token_bytes(32)}
    )
    return None if row.key is None else bytes(row.key)


def question_support(*, question, member):
    """Add the member's support once. Returns False if they had already supported it."""
    if question.status != Question.Status.APPROVED:
        raise ValidationError(_("Only approved questions can be supported."))
    key = _open_support_key(question.session)
    if key is None:
        raise SupportsClosed(_("Questions for this session are closed."))
    digest = support_digest(key=key, member_id=member.pk, question_id=question.pk)
    try:
        # The unique digest decides a race between two requests: the second insert fails.
        with transaction.atomic():
            Support.objects.create(question=question, digest=digest)
    except IntegrityError:
        return False
    return True


def supported_question_ids(*, session, member, questions):
    """Which of these questions the member has supported; empty once supports have closed."""
    key = _open_support_key(session)
    if key is None:
        return set()
    digests = {
        support_digest(key=key, member_id=member.pk, question_id=question.pk): question.pk
        for question in questions
    }
    found = Support.objects.filter(digest__in=digests).values_list("digest", flat=True)
    return {digests[digest] for digest in found}


def support_keys_destroy(*, now=None):
    """Destroy the key of every session that has started; returns how many went.

    Sessions that started without ever having a key get a closed row too, so that moving
    their start later cannot open supports under a new key.
    """
    now = now or timezone.now()
    with transaction.atomic():
        destroyed = SupportKey.objects.filter(
            session__starts_at__lte=now, key__isnull=False
        ).update(key=None)
        keyless = Session.objects.filter(starts_at__lte=now, support_key__isnull=True)
        SupportKey.objects.bulk_create(
            [SupportKey(session_id=pk, key=None) for pk in keyless.values_list("pk", flat=True)],
            ignore_conflicts=True,
        )
    return destroyed


# ---- meeting notes --------------------------------------------------------------------------


def note_publish(*, note, published=True):
    with transaction.atomic():
        note.published = published
        if published and not note.published_on:
            note.published_on = timezone.localdate()
        note.save()
    return note
