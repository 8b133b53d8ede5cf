"""Reads for the library's back office."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from library.models import Loan, Suggestion


def staff_work(user):
    """The admin index's rows for curators: the lending desk's queues and new suggestions.

    Each URL opens the loan list on the desk filter of the same name
    (library.admin_desk.DeskFilter).
    """
    rows = []
    if user.has_perm("library.view_loan"):
        url = reverse("admin:library_loan_changelist")
        counts = Loan.objects.aggregate(
            to_approve=Count("pk", filter=Q(status=Loan.Status.REQUESTED)),
            to_hand_over=Count(
                "pk", filter=Q(status__in=[Loan.Status.APPROVED, Loan.Status.OFFERED])
            ),
            overdue=Count("pk", filter=Q(pk__in=Loan.objects.overdue())),
        )
        rows += [
            (_("Loan requests to approve"), counts["to_approve"], f"{url}?desk=to-approve"),
            (_("Copies to hand over or post"), counts["to_hand_over"], f"{url}?desk=to-hand-over"),
            (_("Overdue loans"), counts["overdue"], f"{url}?desk=overdue"),
        ]
    if user.has_perm("library.view_suggestion"):
        url = reverse("admin:library_suggestion_changelist")
        count = Suggestion.objects.filter(status=Suggestion.Status.PENDING).count()
        rows.append((_("Suggestions to moderate"), count, f"{url}?status__exact=pending"))
    return rows
