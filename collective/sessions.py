"""The session engine (SESSION_ENGINE): Django's cached database sessions with the user in a
column.

Read from the cache and written through to the database (a signed-in page costs one query
less, and a session outlives a Redis restart); the user column lets "delete my account" find
and end every session of the account (collective.models.Session), both copies.
"""

from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore


class SessionStore(CachedDBStore):
    cache_key_prefix = "collective.sessions"

    @classmethod
    def get_model_class(cls):
        from collective.models import Session

        return Session

    def load(self):
        data = super().load()
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
