"""The lending desk: the next step on a loan, taken from its row in the admin.

Each step calls the library service the member-facing site uses, writes the admin log, and
returns the sentence the curator reads: which book, which person, and what happens next.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from collective.lib import audit
from library import services
from library.models import Loan

Status = Loan.Status

#: The buttons on a row, in order, by the loan's state. "decline" asks for a reason first.
LABELS = {
    "approve": _("Approve"),
    "collected": pgettext_lazy("desk step", "Collected"),
    "posted": pgettext_lazy("desk step", "Posted"),
    "returned": pgettext_lazy("desk step", "Returned"),
    "decline": _("Decline…"),
}


def next_steps(loan):
    """The steps the desk offers for this loan now."""
    hand_over = "posted" if loan.delivery == Loan.Delivery.POST else "collected"
    if loan.status == Status.REQUESTED:
        return ["approve", "decline"]
    if loan.status in (Status.APPROVED, Status.OFFERED):
        return [hand_over, "decline"]
    if loan.status == Status.WAITING:
        return ["decline"]
    if loan.status == Status.ON_LOAN:
        return ["returned"]
    return []


def _day(value):
    return date_format(value, "MONTH_DAY_FORMAT") if value else ""


def _told(loan):
    who = loan.who or gettext("The borrower")
    if loan.contact_email:
        return gettext("%(who)s has been e-mailed.") % {"who": who}
    return gettext("We have no e-mail address for %(who)s: tell them yourself.") % {"who": who}


def take_step(request, loan, step, *, reason=""):
    """Take `step` on `loan` for the curator in `request`; return what to tell them.

    Raises services.LibraryError when the rules refuse (the loan moved on meanwhile, say).
    """
    try:
        loan, logged, said = _STEPS[step](loan, reason)
    except services.LibraryError as error:
        # The rules refuse (the loan moved on meanwhile, say): still name the book and person.
        raise services.LibraryError(
            gettext("“%(title)s” for %(who)s: %(error)s")
            % {"title": loan.resource, "who": loan.who, "error": error}
        ) from error
    audit.record(request, loan, logged)
    return said


def _approve(loan, reason):
    loan = services.loan_approve(loan=loan)
    facts = {"title": loan.resource, "who": loan.who, "code": loan.copy.code}
    # The log is written once, in the portal's language; what the curator reads is theirs.
    if loan.pickup_by:
        logged = f"Approved: copy {facts['code']} held until {_day(loan.pickup_by)}."
        said = gettext("“%(title)s” approved for %(who)s: copy %(code)s held until %(date)s.")
        facts["date"] = _day(loan.pickup_by)
    else:
        logged = f"Approved: copy {facts['code']} reserved to post."
        said = gettext(
            "“%(title)s” approved for %(who)s: copy %(code)s is reserved: post it, then press "
            "“Posted”."
        )
    return loan, logged, f"{said % facts} {_told(loan)}"


def _collected(loan, reason):
    loan = services.loan_mark_collected(loan=loan)
    logged = f"Collected: copy {loan.copy.code} on loan, due {_day(loan.due_on)}."
    said = gettext("“%(title)s” is on loan to %(who)s (copy %(code)s), due back on %(date)s.") % {
        "title": loan.resource,
        "who": loan.who,
        "code": loan.copy.code,
        "date": _day(loan.due_on),
    }
    return loan, logged, said


def _posted(loan, reason):
    loan = services.loan_mark_posted(loan=loan)
    logged = f"Posted: copy {loan.copy.code} on loan, due {_day(loan.due_on)}."
    said = gettext("“%(title)s” posted to %(who)s (copy %(code)s), due back on %(date)s.") % {
        "title": loan.resource,
        "who": loan.who,
        "code": loan.copy.code,
        "date": _day(loan.due_on),
    }
    return loan, logged, f"{said} {_told(loan)}"


def _returned(loan, reason):
    who, copy = loan.who, loan.copy
    loan = services.loan_return(loan=loan)
    offered = Loan.objects.filter(copy=copy, status=Status.OFFERED).first()
    facts = {"title": loan.resource, "who": who, "code": copy.code}
    if offered is not None:
        facts["next"] = offered.who
        said = gettext(
            "“%(title)s” returned by %(who)s: copy %(code)s is now held for %(next)s, who was "
            "next in the queue."
        )
        said = f"{said % facts} {_told(offered)}"
    else:
        said = gettext("“%(title)s” returned by %(who)s: copy %(code)s is back on the shelf.")
        said = said % facts
    return loan, f"Returned: copy {copy.code}.", said


def _decline(loan, reason):
    loan = services.loan_decline(loan=loan, reason=reason)
    # The reason is not logged: it is personal, and the admin log outlives the loan's details.
    said = gettext("%(who)s’s request for “%(title)s” is declined.") % {
        "who": loan.who,
        "title": loan.resource,
    }
    if loan.contact_email:
        who = loan.who or gettext("The borrower")
        told = gettext("%(who)s has been e-mailed the reason.") % {"who": who}
    else:
        told = _told(loan)
    return loan, "Declined.", f"{said} {told}"


_STEPS = {
    "approve": _approve,
    "collected": _collected,
    "posted": _posted,
    "returned": _returned,
    "decline": _decline,
}
