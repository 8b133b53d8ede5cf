"""Authentication backends (AUTHENTICATION_BACKENDS): Django's and allauth's, reading a
signed-in member's row from this worker's memory while the row is unchanged.

Every signed-in request loads its member (django.contrib.auth.get_user): the session names the
user and the backend, the backend reads the user's row, and the hash of the password kept in the
session is checked against the row. That read was a query on every signed-in request, the
largest part of what signing in costs a page (docs/performance.md).

Here the row's values are kept in the worker's memory under the row's data version
(collective.lib.versions: a new random token on every save and delete of the user, and again
once the write commits). A new password, a closed or deactivated account, or a change of staff
status therefore reaches every worker on its next request, as when the row was read each time:
the session is refused or the change applies. Each request still gets its own User instance,
built from the values, so nothing one request does to `request.user` reaches another.

Only the version goes to Redis (a random token per member); the row itself (the e-mail address,
the password's hash) stays in the worker's memory, as it does while a request runs. When Redis
is down the version is unknown and the row is read from the database each time, as before.
"""

import functools
import time

from allauth.account import auth_backends as allauth_backends
from django.contrib.auth import backends, get_user_model

from collective.lib import versions

# A member's values stay at most this long without being read again from the database, even
# if the version is unchanged: a write that skipped the signals (QuerySet.update()) is
# forgotten after this long, and the row of a member who has gone leaves the worker's memory.
KEPT_SECONDS = 60
_KEPT = 2048
# By user id: (version, kept until, the values of the row's columns).
_rows = {}
_next_sweep = 0.0


@functools.cache
def _columns():
    return tuple(field.attname for field in get_user_model()._meta.concrete_fields)


def _read(user_id):
    User = get_user_model()
    return User._default_manager.filter(pk=user_id).values_list(*_columns()).first()


def _sweep(now):
    """Drop what has expired, at most once per KEPT_SECONDS: the members who stopped coming
    (or deleted their account, on another worker) are not kept."""
    global _next_sweep
    if now < _next_sweep:
        return
    _next_sweep = now + KEPT_SECONDS
    # A copy first: another thread of the worker may add a member meanwhile.
    for user_id, kept in list(_rows.items()):
        if kept[1] <= now:
            _rows.pop(user_id, None)


def kept_user(user_id):
    """The user with this id as a new instance, from this worker's memory while their row's
    version is unchanged, else from the database; None when there is no such user."""
    User = get_user_model()
    version = versions.current((User._meta.label, user_id))
    now = time.monotonic()
    _sweep(now)
    kept = _rows.get(user_id)
    if version is not None and kept is not None and kept[0] == version and kept[1] > now:
        values = kept[2]
    else:
        _rows.pop(user_id, None)
        values = _read(user_id)
        if version is not None and values is not None:
            if len(_rows) >= _KEPT:
                _rows.clear()
            _rows[user_id] = (version, now + KEPT_SECONDS, values)
    if values is None:
        return None
    return User.from_db(User._default_manager.db, _columns(), values)


def forget(sender, instance, **kwargs):
    """post_delete of a user: their row leaves this worker's memory at once."""
    _rows.pop(instance.pk, None)


class KeptUserMixin:
    def get_user(self, user_id):
        user = kept_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(KeptUserMixin, backends.ModelBackend):
    """Django's: the admin's log-in form."""


class AuthenticationBackend(KeptUserMixin, allauth_backends.AuthenticationBackend):
    """allauth's: the portal's log-in by e-mail address."""


# Sessions signed in before these backends existed name the ones they extend: they are read as
# these (collective.sessions), so nobody is signed out by the change.
FORMER_PATHS = {
    "django.contrib.auth.backends.ModelBackend": "collective.auth_backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend": (
        "collective.auth_backends.AuthenticationBackend"
    ),
}
