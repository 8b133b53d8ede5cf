"""Reads that decide who sees what: one place for the visibility rules."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from collective.lib import versions
from facilitation.apps import FacilitationConfig
from facilitation.models import Facilitator, Question, Recommendation, Registration, Session


def is_coordinator(user):
    """Facilitation coordinators (and superusers) see contact details, notes and access needs.

    Permissions come only through the staff groups, whose members are staff: checking is_staff
    first spares every member's page the two permission queries.
    """
    return user.is_authenticated and user.is_staff and user.has_perm("facilitation.change_session")


def places_left(session):
    registered = session.registrations.filter(status=Registration.Status.REGISTERED).count()
    return max(session.capacity - registered, 0)


def session_page_facts(pk):
    """What a session's page shows everyone alike: {"session" (with its facilitator),
    "places_left", "notes" (published)}, or None when there is no such session.

    Kept under the facilitation data version, which every registration and cancellation
    changes too, so the places left are never stale. Shared between requests: not to be
    changed.
    """

    def build():
        session = Session.objects.select_related("facilitator").filter(pk=pk).first()
        if session is None:
            return None
        notes = list(session.notes.published())
        return {"session": session, "places_left": places_left(session), "notes": notes}

    return versions.cached(("session-page", pk), FacilitationConfig.versioned_models, build)


def active_registration(session, user):
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(session=session, member=user, status__in=Registration.ACTIVE)
        .only("pk", "status", "session_id", "member_id")
        .first()
    )


def has_place(registration):
    return registration is not None and registration.status == Registration.Status.REGISTERED


def can_see_online_link(user, registration):
    return has_place(registration) or is_coordinator(user)


def can_ask(user, registration):
    """Anyone signed up for the session (with a place or waiting for one) may ask questions."""
    return registration is not None and registration.is_active


REASONS_SHOWN = 5


def public_facilitators():
    """The shortlist and who was engaged, with members' reasons: never contact details or notes."""
    reasons = Prefetch(
        "recommendations",
        # The newest few reasons each: a facilitator can gather any number.
        queryset=Recommendation.objects.only("pk", "facilitator_id", "why", "created_on").order_by(
            "-created_on", "-id"
        )[:REASONS_SHOWN],
        to_attr="public_reasons",
    )
    return (
        Facilitator.objects.public()
        .only("pk", "name", "organisation", "areas", "status")
        .prefetch_related(reasons)
        .order_by("name", "pk")
    )


def staff_work(user):
    """The admin index's rows for coordinators: new recommendations, questions to moderate."""
    rows = []
    if user.has_perm("facilitation.view_facilitator"):
        url = reverse("admin:facilitation_facilitator_changelist")
        count = Facilitator.objects.filter(status=Facilitator.Status.RECOMMENDED).count()
        rows.append(
            (_("Recommended facilitators to review"), count, f"{url}?status__exact=recommended")
        )
    if user.has_perm("facilitation.view_question"):
        url = reverse("admin:facilitation_question_changelist")
        count = Question.objects.filter(status=Question.Status.PENDING).count()
        rows.append((_("Questions to moderate"), count, f"{url}?status__exact=pending"))
    return rows
