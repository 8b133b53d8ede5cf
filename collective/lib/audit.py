"""The admin's audit trail: who did what, in Django's own admin log.

Every staff action in the back office (an admin action, a one-click next step, a reply, a state
change) calls `record()` (or `record_each()` for a whole selection), so it shows in "Recent
actions" and in the object's history. The message says what was done in plain words; it never
carries feedback content, an answer, an address, a reason given to a member or anything else that
would undo anonymity or outlive a loan's anonymisation (see docs/privacy.md).

The entry also keeps a name for the object (`object_repr`): `str(obj)`, unless the model has an
`audit_label()` method for a name that says less (a question's text must not be copied here).
Entries about a person who is later anonymised are reworded then (`scrub`).
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Value
from django.db.models.functions import Replace

__all__ = ["ADDITION", "CHANGE", "DELETION", "record", "record_each", "scrub"]


def audit_label(obj):
    label = obj.audit_label() if hasattr(obj, "audit_label") else str(obj)
    return label[:200]


def _entry(request, obj, message, flag):
    return LogEntry(
        user_id=request.user.pk,
        content_type_id=ContentType.objects.get_for_model(obj, for_concrete_model=False).pk,
        object_id=str(obj.pk),
        object_repr=audit_label(obj),
        action_flag=flag,
        change_message=str(message),
    )


def record(request, obj, message, *, flag=CHANGE):
    """Write one admin log entry for `obj` by `request.user`: `message` is what was done."""
    entry = _entry(request, obj, message, flag)
    entry.save()
    return entry


def record_each(request, objects, message, *, flag=CHANGE):
    """One entry per object of a selection, written in one query."""
    return LogEntry.objects.bulk_create([_entry(request, obj, message, flag) for obj in objects])


def scrub(model, object_ids, words, *, replacement="(anonymised)"):
    """Take `words` (a person's name, e-mail address...) out of the log entries of these objects.

    For data that is anonymised after the fact: the admin log must not keep what the object no
    longer does. Both the message and the object's name are reworded, in the database.
    """
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return 0
    message, name = F("change_message"), F("object_repr")
    for word in words:  # longest first, so an e-mail address goes before a name inside it
        message = Replace(message, Value(word), Value(replacement))
        name = Replace(name, Value(word), Value(replacement))
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id__in=[str(pk) for pk in object_ids],
    ).update(change_message=message, object_repr=name)
