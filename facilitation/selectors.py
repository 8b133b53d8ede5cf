"""Reads that decide who sees what: one place for the visibility rules."""

from django.db import connection
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from facilitation.models import Facilitator, Question, Recommendation, Registration


def is_coordinator(user):
    """Facilitation coordinators (and superusers) see contact details, notes and access needs.

    Permissions come only through the staff groups, whose members are staff: checking is_staff
    first spares every member's page the two permission queries.
    """
    return user.is_authenticated and user.is_staff and user.has_perm("facilitation.change_session")


def places_left(session):
    registered = session.registrations.filter(status=Registration.Status.REGISTERED).count()
    return max(session.capacity - registered, 0)


def active_registration(session, user):
    """The member's registration for the session while it is active (a place or a place on the
    waiting list), or None; only its id and status are read.

    Written out in SQL: every view of a session's page asks it, and the ORM took longer to build
    the query than PostgreSQL took to answer it (docs/performance.md). The lookup uses the
    table's index on (session, member).
    """
    if not user.is_authenticated:
        return None
    statuses = ", ".join(["%s"] * len(Registration.ACTIVE))
    sql = (
        f"SELECT id, status FROM {Registration._meta.db_table}"
        f" WHERE session_id = %s AND member_id = %s AND status IN ({statuses})"
        " ORDER BY id LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [session.pk, user.pk, *Registration.ACTIVE])
        row = cursor.fetchone()
    if row is None:
        return None
    # from_db() takes the values in the order of the model's fields.
    read = {"id": row[0], "status": row[1], "session_id": session.pk, "member_id": user.pk}
    fields = [f.attname for f in Registration._meta.concrete_fields if f.attname in read]
    return Registration.from_db(connection.alias, fields, [read[name] for name in fields])


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
