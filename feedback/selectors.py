"""Reads for the feedback readers' back office."""

from django.urls import reverse
from django.utils.translation import gettext

from feedback.models import Feedback


def staff_work(user):
    """The admin index's row for feedback readers: how many are new. A count only, never an
    item, a topic or a time (the digest's rule, docs/privacy.md)."""
    if not user.has_perm("feedback.view_feedback"):
        return []
    url = reverse("admin:feedback_feedback_changelist")
    count = Feedback.objects.filter(status=Feedback.Status.NEW).count()
    return [(gettext("New feedback waiting"), count, f"{url}?status__exact=new")]
