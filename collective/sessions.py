"""The session engine (SESSION_ENGINE): Django's cached database sessions with the user in a
column.

Read from the cache and written through to the database (a signed-in page costs one query
less, and a session outlives a Redis restart); the user column lets "delete my account" find
and end every session of the account (collective.models.Session), both copies.

A signed-in request reads its member's data version too (collective.auth_backends), and its page
the versions of what it shows: they are read with the session, in one round trip to Redis
(collective.lib.versions.read_with). The member's version is named by their user id, which is in
the session: the worker remembers whose each session was when it last read it, under a digest of
the session key (never the key itself, which would let anyone holding the worker's memory sign in
as them), and asks for that member's version with the session. A wrong guess costs the round trip
it saves.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

from collective.lib import versions
from collective.lib.memory import Kept

# By a digest of the session key: the user id the session named when this worker last read it.
_members = Kept(4096)


def _digest(session_key):
    return hashlib.sha256(session_key.encode()).digest()[:16]


class SessionStore(CachedDBStore):
    cache_key_prefix = "collective.sessions"

    @classmethod
    def get_model_class(cls):
        from collective.models import Session

        return Session

    def load(self):
        digest = _digest(self.session_key)
        member = _members.get(digest)
        own = [(settings.AUTH_USER_MODEL, member)] if member is not None else []
        data = versions.read_with(self.cache_key, *own)
        if data is None:  # not in the cache: from the database, and cached again
            data = super().load()
        if str(data.get(SESSION_KEY, "")).isdigit():
            if len(_members) >= _members.size:
                _members.clear()
            _members[digest] = int(data[SESSION_KEY])
        from collective.auth_backends import FORMER_PATHS

        # Signed in before the portal's backends: read as the portal's, not signed out.
        if data.get(BACKEND_SESSION_KEY) in FORMER_PATHS:
            data[BACKEND_SESSION_KEY] = FORMER_PATHS[data[BACKEND_SESSION_KEY]]
        return data

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if str(user_id or "").isdigit() else None
        return session
