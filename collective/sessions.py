"""The session engine (SESSION_ENGINE): Django's cached database sessions with the user in a
column.

Read from the cache and written through to the database (a signed-in page costs one query
less, and a session outlives a Redis restart); the user column lets "delete my account" find
and end every session of the account (collective.models.Session), both copies.
"""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore


class SessionStore(CachedDBStore):
    cache_key_prefix = "collective.sessions"

    @classmethod
    def get_model_class(cls):
        from collective.models import Session

        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if str(user_id or "").isdigit() else None
        return session
