"""Django's PostgreSQL backend, waiting a few seconds for the database instead of failing.

While PostgreSQL restarts (an upgrade, a failover) it refuses connections for a second or two.
Without this, every request that arrives in that window is a server error. With it, opening a
connection is retried for up to DATABASE_CONNECT_WAIT seconds, so those requests are only slower;
only the queries in flight when the server went down fail (with the friendly error page).
Reused connections are checked first (CONN_HEALTH_CHECKS), so a dead one is replaced here too.
"""
