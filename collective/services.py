import logging

from django.db import transaction

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
    collective.models.Session's foreign key cascades, found by its indexed user column.
    """
    with transaction.atomic():
        for config in portal_apps():
            config.delete_user_data(user)
        user.delete()
    logger.info("An account was deleted at its owner's request")
