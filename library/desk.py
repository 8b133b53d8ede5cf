"""The lending desk: the next step on a loan, taken from its row in the admin.

Each step calls the library service the member-facing site uses, writes the admin log, and
returns the sentence the curator reads: which book, which person, and what happens next.
"""

from django.utils.dateformat import format as date_format

from collective.lib import audit
from library import services
from library.models import Loan

Status = Loan.Status

#: The buttons on a row, in order, by the loan's state. "decline" asks for a reason first.
LABELS = {
    "approve": "Approve",
    "collected": "Collected",
    "posted": "Posted",
    "returned": "Returned",
    "decline": "Decline…",
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
    return date_format(value, "j F") if value else ""


def _told(loan):
    who = loan.who or "The borrower"
    if loan.contact_email:
        return f"{who} has been e-mailed."
    return f"We have no e-mail address for {who}: tell them yourself."


def take_step(request, loan, step, *, reason=""):
    """Take `step` on `loan` for the curator in `request`; return what to tell them.

    Raises services.LibraryError when the rules refuse (the loan moved on meanwhile, say).
    """
    try:
        loan, logged, said = _STEPS[step](loan, reason)
    except services.LibraryError as error:
        # The rules refuse (the loan moved on meanwhile, say): still name the book and person.
        raise services.LibraryError(f"“{loan.resource}” for {loan.who}: {error}") from error
    audit.record(request, loan, logged)
    return said


def _approve(loan, reason):
    loan = services.loan_approve(loan=loan)
    book, who, code = loan.resource, loan.who, loan.copy.code
    if loan.pickup_by:
        logged = f"Approved: copy {code} held until {_day(loan.pickup_by)}."
        next_step = f"copy {code} held until {_day(loan.pickup_by)}"
    else:
        logged = f"Approved: copy {code} reserved to post."
        next_step = f"copy {code} is reserved: post it, then press “Posted”"
    return loan, logged, f"“{book}” approved for {who}: {next_step}. {_told(loan)}"


def _collected(loan, reason):
    loan = services.loan_mark_collected(loan=loan)
    logged = f"Collected: copy {loan.copy.code} on loan, due {_day(loan.due_on)}."
    said = (
        f"“{loan.resource}” is on loan to {loan.who} (copy {loan.copy.code}), "
        f"due back on {_day(loan.due_on)}."
    )
    return loan, logged, said


def _posted(loan, reason):
    loan = services.loan_mark_posted(loan=loan)
    logged = f"Posted: copy {loan.copy.code} on loan, due {_day(loan.due_on)}."
    said = (
        f"“{loan.resource}” posted to {loan.who} (copy {loan.copy.code}), due back on "
        f"{_day(loan.due_on)}. {_told(loan)}"
    )
    return loan, logged, said


def _returned(loan, reason):
    who, copy = loan.who, loan.copy
    loan = services.loan_return(loan=loan)
    offered = Loan.objects.filter(copy=copy, status=Status.OFFERED).first()
    if offered is not None:
        then = (
            f"copy {copy.code} is now held for {offered.who}, who was next in the queue. "
            f"{_told(offered)}"
        )
    else:
        then = f"copy {copy.code} is back on the shelf."
    return loan, f"Returned: copy {copy.code}.", f"“{loan.resource}” returned by {who}: {then}"


def _decline(loan, reason):
    loan = services.loan_decline(loan=loan, reason=reason)
    # The reason is not logged: it is personal, and the admin log outlives the loan's details.
    said = f"{loan.who}’s request for “{loan.resource}” is declined. {_told(loan)}"
    return loan, "Declined.", said.replace(" e-mailed.", " e-mailed the reason.")


_STEPS = {
    "approve": _approve,
    "collected": _collected,
    "posted": _posted,
    "returned": _returned,
    "decline": _decline,
}
