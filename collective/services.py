import logging

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from collective.lib import audit
from collective.lib.apps import portal_apps

logger = logging.getLogger(__name__)


def user_export(*, user):
    """Everything the portal holds about a member, app by app, for "download my data"."""
    data = {}
    for config in portal_apps():
        section = config.export_user_data(user)
        if section is not None:
            data[config.label] = section
    return data


def user_delete(*, user):
    """Delete an account. Each app first anonymises what must outlive it, in one transaction.

    Every session of the account (other browsers, other devices) goes with the user row:
    collective.models.Session's foreign key cascades, found by its indexed user column. Their
    cached copies are deleted first: should the deletion roll back, a session is simply read
    from the database again.
    """
    from collective.models import Session

    keys = Session.objects.filter(user=user).values_list("session_key", flat=True)
    _forget_cached_sessions(list(keys))
    with transaction.atomic():
        for config in portal_apps():
            config.delete_user_data(user)
        # Staff may have edited this account in the admin: its log entries name the person.
        addresses = dict(EmailAddress.objects.filter(user=user).values_list("pk", "email"))
        words = [user.email, user.display_name, *addresses.values()]
        audit.scrub(get_user_model(), [user.pk], words)
        audit.scrub(EmailAddress, addresses, words)
        user.delete()
    logger.info("An account was deleted at its owner's request")


def _forget_cached_sessions(keys):
    from django.conf import settings
    from django.core.cache import caches

    from collective.sessions import SessionStore

    caches[settings.SESSION_CACHE_ALIAS].delete_many(
        [SessionStore.cache_key_prefix + key for key in keys]
    )
