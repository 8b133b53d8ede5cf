"""Lending and suggestions: every change that touches several rows or sends e-mail.

Concurrency: each loan service first locks the title (the Resource row), then the loan. Every
decision about a title's copies and queue is therefore taken by one transaction at a time, so
twenty people asking for the last copy at once get it in turn: one holds it, the rest queue in
the order they obtained the lock. The partial unique constraint on Loan(copy) backs this up.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collective.lib import audit, emails
from library.models import Copy, Loan, LoanReminder, Resource, Suggestion
from library.notices import send_loan_email, send_reminder_once

Status = Loan.Status


class LibraryError(Exception):
    """A request the rules refuse; the message is shown to the person as it is."""


def _today():
    return timezone.localdate()


def _lock_resource(resource_id):
    return Resource.objects.select_for_update().get(pk=resource_id)


def _lock_loan(loan):
    """Lock the title first (the order every service uses, so they cannot deadlock)."""
    _lock_resource(loan.resource_id)
    return Loan.objects.select_for_update().get(pk=loan.pk)


def _free_copy(resource):
    holding = Loan.objects.filter(copy=OuterRef("pk"), status__in=Loan.HOLDING)
    return (
        Copy.objects.filter(resource=resource, withdrawn=False)
        .exclude(Exists(holding))
        .order_by("code")
        .first()
    )


def _pickup_by(loan):
    """The last day to collect a reserved copy. A copy to be posted waits for the curators."""
    if loan.delivery != Loan.Delivery.COLLECT:
        return None
    return _today() + timedelta(days=settings.LIBRARY_PICKUP_DAYS)


def _offer_free_copies(resource):
    """Offer each free copy to the next person waiting. The caller holds the title's lock."""
    for loan in Loan.objects.queue(resource).select_for_update():
        copy = _free_copy(resource)
        if copy is None:
            break
        loan.copy = copy
        loan.status = Status.OFFERED
        loan.pickup_by = _pickup_by(loan)
        loan.save(update_fields=["copy", "status", "pickup_by"])
        send_reminder_once(loan, LoanReminder.Kind.READY)


def _end(loan, status):
    """End a loan: the postal address goes with it (least data)."""
    freed = loan.copy if loan.status in Loan.HOLDING else None
    loan.status = status
    loan.ended_on = _today()
    loan.postal_address = ""
    loan.pickup_by = None
    loan.save()
    if freed is not None:
        _offer_free_copies(loan.resource)


def _require(loan, allowed, message):
    """`message` is translated, with %(status)s for the loan's present state."""
    if loan.status not in allowed:
        raise LibraryError(message % {"status": loan.get_status_display().lower()})


# ---- requests ---------------------------------------------------------------------------------


@transaction.atomic
def loan_request(
    *,
    resource,
    delivery=Loan.Delivery.COLLECT,
    postal_address="",
    borrower=None,
    borrower_name="",
    borrower_email="",
):
    """Ask to borrow a title: hold a free copy if there is one, else join the queue."""
    if borrower is None and not borrower_email:
        raise LibraryError(_("Choose a member, or give the person's name and e-mail address."))
    if borrower is not None:
        # Serialises one member's requests, so two at once cannot pass the loan limit.
        get_user_model().objects.select_for_update().get(pk=borrower.pk)
        mine = Loan.objects.open().filter(borrower=borrower)
    else:
        mine = Loan.objects.open().filter(borrower=None, borrower_email__iexact=borrower_email)
    resource = _lock_resource(resource.pk)
    postal_address = postal_address.strip() if delivery == Loan.Delivery.POST else ""
    if not resource.published or not resource.copies.filter(withdrawn=False).exists():
        raise LibraryError(_("We have no copy of this to lend."))
    if delivery == Loan.Delivery.POST and not postal_address:
        raise LibraryError(_("Give the postal address to send the book to."))
    if mine.filter(resource=resource).exists():
        raise LibraryError(_("You have already asked to borrow this. See your loans."))
    if mine.count() >= settings.LIBRARY_MAX_ACTIVE_LOANS:
        limit = settings.LIBRARY_MAX_ACTIVE_LOANS
        # The English is the same for one (as it always was); other languages have their plurals.
        raise LibraryError(
            ngettext(
                "You can have up to %(limit)s loans and requests at a time. "
                "Return or cancel one first.",
                "You can have up to %(limit)s loans and requests at a time. "
                "Return or cancel one first.",
                limit,
            )
            % {"limit": limit}
        )
    # Someone already waiting goes first, even if a copy has just come free.
    copy = None if Loan.objects.queue(resource).exists() else _free_copy(resource)
    return Loan.objects.create(
        resource=resource,
        copy=copy,
        status=Status.REQUESTED if copy else Status.WAITING,
        borrower=borrower,
        borrower_name="" if borrower else borrower_name.strip(),
        borrower_email="" if borrower else borrower_email.strip(),
        delivery=delivery,
        postal_address=postal_address,
    )


@transaction.atomic
def loan_approve(*, loan):
    loan = _lock_loan(loan)
    if loan.status == Status.WAITING:
        raise LibraryError(_("No copy is free yet: this request is in the queue."))
    _require(
        loan, [Status.REQUESTED], _("Only a new request can be approved (this one is %(status)s).")
    )
    loan.status = Status.APPROVED
    loan.pickup_by = _pickup_by(loan)
    loan.save(update_fields=["status", "pickup_by"])
    send_reminder_once(loan, LoanReminder.Kind.READY)
    return loan


def _hand_over(loan):
    loan.status = Status.ON_LOAN
    loan.loaned_on = _today()
    loan.due_on = _today() + timedelta(days=settings.LIBRARY_LOAN_DAYS)
    loan.pickup_by = None
    loan.save(update_fields=["status", "loaned_on", "due_on", "pickup_by"])
    return loan


@transaction.atomic
def loan_mark_collected(*, loan):
    loan = _lock_loan(loan)
    _require(
        loan,
        [Status.REQUESTED, Status.APPROVED, Status.OFFERED],
        _("Only a reserved copy can be collected (this loan is %(status)s)."),
    )
    return _hand_over(loan)


@transaction.atomic
def loan_mark_posted(*, loan):
    loan = _lock_loan(loan)
    _require(
        loan,
        [Status.REQUESTED, Status.APPROVED, Status.OFFERED],
        _("Only a reserved copy can be posted (this loan is %(status)s)."),
    )
    if loan.delivery != Loan.Delivery.POST or not loan.postal_address:
        raise LibraryError(_("This loan has no postal address: the borrower asked to collect it."))
    loan = _hand_over(loan)
    send_loan_email("posted", loan)
    return loan


@transaction.atomic
def loan_return(*, loan):
    loan = _lock_loan(loan)
    _require(
        loan, [Status.ON_LOAN], _("Only a book on loan can be returned (this one is %(status)s).")
    )
    _end(loan, Status.RETURNED)
    return loan


@transaction.atomic
def loan_decline(*, loan, reason=""):
    loan = _lock_loan(loan)
    _require(loan, Loan.CANCELLABLE, _("This loan is %(status)s: it can no longer be declined."))
    loan.decline_reason = reason.strip()
    _end(loan, Status.DECLINED)
    send_loan_email("declined", loan)
    return loan


@transaction.atomic
def loan_cancel(*, loan):
    loan = _lock_loan(loan)
    _require(loan, Loan.CANCELLABLE, _("This loan is %(status)s: it can no longer be cancelled."))
    _end(loan, Status.CANCELLED)
    return loan


@transaction.atomic
def loan_renew(*, loan):
    loan = _lock_loan(loan)
    refusal = loan.renewal_refusal()
    if refusal:
        raise LibraryError(refusal)
    loan.due_on = max(loan.due_on, _today()) + timedelta(days=settings.LIBRARY_LOAN_DAYS)
    loan.renewals += 1
    loan.save(update_fields=["due_on", "renewals"])
    return loan


@transaction.atomic
def offer_expire(*, loan):
    """An uncollected reservation past its pickup date passes to the next person waiting."""
    loan = _lock_loan(loan)
    if loan.status not in (Status.APPROVED, Status.OFFERED) or not loan.pickup_by:
        return None
    if loan.pickup_by >= _today():
        return None
    _end(loan, Status.EXPIRED)
    send_loan_email("expired", loan)
    return loan


@transaction.atomic
def copies_offer(*, resource):
    """A copy was added or came back into service: offer it to whoever is waiting."""
    _offer_free_copies(_lock_resource(resource.pk))


# ---- reminders and privacy --------------------------------------------------------------------


@transaction.atomic
def loan_remind(*, loan, kind, interval=0):
    """Send one reminder if the loan still needs it (a job may run late, or twice)."""
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    today = _today()
    if kind == LoanReminder.Kind.READY:
        needed = loan.status in (Status.APPROVED, Status.OFFERED)
    elif kind == LoanReminder.Kind.DUE_SOON:
        needed = loan.status == Status.ON_LOAN and today <= loan.due_on
    else:
        needed = loan.is_overdue(today) and (today - loan.due_on).days >= interval
    return needed and send_reminder_once(loan, kind, interval=interval)


def _scrub_audit_trail(loans):
    """Take the borrower's name and address out of these loans' admin log entries.

    The entries are written without them (collective.lib.audit), so this is the second line of
    defence: the log must not keep what the anonymised loan no longer does.
    """
    for loan in loans.select_related("borrower"):
        names = [loan.borrower_name, loan.borrower_email]
        if loan.borrower is not None:
            names += [loan.borrower.email, loan.borrower.display_name]
        audit.scrub(Loan, [loan.pk], names)


@transaction.atomic
def loans_anonymise(*, today=None):
    """Remove the borrower from loans that ended long enough ago; counts stay for reports."""
    today = today or _today()
    cutoff = today - timedelta(days=settings.LIBRARY_ANONYMISE_AFTER_DAYS)
    due = Loan.objects.ended().filter(ended_on__lte=cutoff, anonymised=False)
    _scrub_audit_trail(due)
    return due.update(
        borrower=None,
        borrower_name="",
        borrower_email="",
        postal_address="",
        decline_reason="",
        anonymised=True,
    )


@transaction.atomic
def member_library_delete(*, user):
    """Before an account is deleted: cancel open requests, anonymise the rest.

    A book still on loan keeps the person's name and e-mail address on that loan alone, so
    that it can come back; it is anonymised with every other loan once returned.
    """
    for loan in Loan.objects.filter(borrower=user, status__in=Loan.CANCELLABLE):
        loan_cancel(loan=loan)
    Loan.objects.filter(borrower=user, status=Status.ON_LOAN).update(
        borrower=None, borrower_name=user.display_name or user.email, borrower_email=user.email
    )
    _scrub_audit_trail(Loan.objects.filter(borrower=user))
    Loan.objects.filter(borrower=user).update(
        borrower=None, borrower_name="", borrower_email="", decline_reason="", anonymised=True
    )
    Suggestion.objects.filter(suggested_by=user).update(suggested_by=None, name="")


# ---- suggestions ------------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(*, title, kind, why, link="", creators="", name="", user=None):
    return Suggestion.objects.create(
        title=title,
        kind=kind,
        why=why,
        link=link,
        creators=creators,
        name=name,
        suggested_by=user,
    )


def _lock_suggestion(suggestion):
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != Suggestion.Status.PENDING:
        raise LibraryError(
            _("“%(title)s” has already been %(status)s.")
            % {"title": suggestion, "status": suggestion.get_status_display().lower()}
        )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion):
    """Create an unpublished resource from a suggestion; the curator completes and publishes it."""
    suggestion = _lock_suggestion(suggestion)
    resource = Resource.objects.create(
        kind=suggestion.kind,
        title=suggestion.title,
        creators=suggestion.creators,
        link=suggestion.link,
        recommended_by=suggestion.name,
        why_recommended=suggestion.why,
        published=False,
    )
    suggestion.status = Suggestion.Status.ACCEPTED
    suggestion.resource = resource
    suggestion.decided_on = _today()
    suggestion.save()
    _tell_suggester("suggestion-accepted", suggestion)
    return resource


@transaction.atomic
def suggestion_decline(*, suggestion, reason):
    suggestion = _lock_suggestion(suggestion)
    if not reason.strip():
        raise LibraryError(_("Say why the suggestion is declined: the member is told."))
    suggestion.status = Suggestion.Status.DECLINED
    suggestion.decline_reason = reason.strip()
    suggestion.decided_on = _today()
    suggestion.save()
    _tell_suggester("suggestion-declined", suggestion)
    return suggestion


def _tell_suggester(name, suggestion):
    user = suggestion.suggested_by
    if user is not None and user.is_active:
        emails.send(
            f"library-{name}",
            to=[user.email],
            context={"suggestion": suggestion, "name": str(user)},
        )
