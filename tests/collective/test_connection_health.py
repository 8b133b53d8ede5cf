"""A kept database connection's health is checked without a round trip while it is quiet, and a
connection the server has ended is still noticed before a request uses it
(collective/lib/postgres/base.py; tests/faults restarts a real server under load)."""

import time
from unittest import mock

import pytest
from django.db import connection, connections

from tests.conftest import require_postgres

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept():
    """A worker's kept connection: its own, outside the test's transaction."""
    require_postgres()
    default = connections[connection.alias]
    wrapper = type(default)({**default.settings_dict}, alias=default.alias)
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def test_a_quiet_connection_is_healthy_without_a_query(kept):
    with mock.patch.object(kept.connection, "cursor", side_effect=AssertionError("a query")):
        assert kept.is_usable()


def test_a_connection_the_server_ended_is_noticed_and_replaced(kept):
    pid = kept.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    deadline = time.monotonic() + 5
    while kept.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not kept.is_usable()
    # What the next request does: the health check fails, a new connection is made.
    kept.health_check_done = False
    with kept.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_connection_inside_a_transaction_still_asks_the_server(kept):
    kept.connection.execute("BEGIN")
    with mock.patch.object(kept.connection, "cursor", wraps=kept.connection.cursor) as cursor:
        assert kept.is_usable()
    assert cursor.called
    kept.connection.execute("ROLLBACK")
