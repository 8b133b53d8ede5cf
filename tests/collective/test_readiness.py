"""/healthz is liveness (the process answers); /readyz is readiness (the database and Redis answer).

Redis "down" is a URL where nothing listens, as in tests/feedback/test_redis_down.py; the database
"down" is the real connection pointed at a closed port, and a killed session stands for a database
restart under a connection kept open by CONN_MAX_AGE.
"""

import pytest
from django.db import connection
from django.test import override_settings

from tests.conftest import require_postgres, require_redis

DEAD_REDIS = "redis://:redis-secret-password@127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def database_down():
    """The default connection points at a closed port until the test ends."""
    require_postgres()
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1", PASSWORD="db-secret-password")
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.mark.django_db
def test_ready_when_the_database_and_redis_answer(client):
    require_redis()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().splitlines() == ["database ok", "redis ok"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_not_ready_when_redis_is_down(client, caplog):
    with override_settings(REDIS_URL=DEAD_REDIS):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode().splitlines() == ["database ok", "redis unavailable"]
    assert "redis-secret-password" not in response.content.decode() + caplog.text
    assert "Not ready: redis not answering" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_not_ready_when_the_database_is_down(client, database_down, caplog):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content.decode().splitlines()[0] == "database unavailable"
    assert "db-secret-password" not in response.content.decode() + caplog.text
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_liveness_stays_ok_while_the_database_is_down(client, database_down):
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_a_connection_killed_by_a_database_restart_is_replaced(client):
    require_postgres()
    connection.ensure_connection()
    stale_pid = connection.connection.info.backend_pid
    with connection._nodb_cursor() as other:  # a second session, as the server's own restart
        other.execute("SELECT pg_terminate_backend(%s)", [stale_pid])
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content.decode().startswith("database ok")


@pytest.mark.django_db
@override_settings(REDIS_URL="")
def test_without_redis_configured_only_the_database_counts(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert "redis not configured" in response.content.decode()


@pytest.mark.django_db
def test_readiness_refuses_other_methods(client):
    assert client.post("/readyz").status_code == 405
