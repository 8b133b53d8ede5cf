"""The admin's audit trail: who did what, in Django's own admin log.

Every staff action in the back office (an admin action, a one-click next step, a reply, a state
change) calls `record()`, so it shows in "Recent actions" and in the object's history. The message
says what was done in plain words; it never carries feedback content, an answer, an address or
anything else that would undo anonymity or outlive a loan's anonymisation (see docs/privacy.md).
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

__all__ = ["ADDITION", "CHANGE", "DELETION", "record"]


def record(request, obj, message, *, flag=CHANGE):
    """Write one admin log entry for `obj` by `request.user`: `message` is what was done.

    The entry also keeps `str(obj)`: an object whose `__str__` would name a person or quote
    content that must not outlive it has to say less there (e.g. "Feedback #12").
    """
    return LogEntry.objects.log_actions(
        user_id=request.user.pk,
        queryset=[obj],
        action_flag=flag,
        change_message=str(message),
        single_object=True,
    )
