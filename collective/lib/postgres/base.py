"""The PostgreSQL engine (settings.DATABASES): Django's, waiting for a restarting server, and
checking a kept connection's health without a round trip while the connection is quiet.

Each worker keeps its connection between requests (CONN_MAX_AGE), and CONN_HEALTH_CHECKS makes
Django ask, before a request's first query, whether it still works: after a restart of the
server the old connection is dead, and without the check the next person's request would fail.
Django asks with `SELECT 1`, a round trip on every request, as long as a whole cached page
takes here (docs/performance.md). But a server that ends a connection says so, or at least
closes it: PostgreSQL sends "terminating connection" to every client when it shuts down, and
the kernel closes the socket of a backend that dies. Either way the idle connection's socket has
something to read, and a healthy idle connection has nothing (no query is running). So the
check looks at the socket first, which costs no round trip, and asks the server only when
something has arrived or the connection is not simply idle.
"""

import logging
import select
import time

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg import pq

logger = logging.getLogger(__name__)


def _has_input(fd):
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        deadline = time.monotonic() + getattr(settings, "DATABASE_CONNECT_WAIT", 0)
        delay = 0.1
        while True:
            try:
                return super().get_new_connection(conn_params)
            except base.Database.OperationalError:
                if time.monotonic() + delay > deadline:
                    raise
                logger.warning("PostgreSQL is not answering; trying again in %.1f s", delay)
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def is_usable(self):
        """Whether the kept connection still works: no round trip while it is idle and quiet."""
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        pgconn = connection.pgconn
        if (
            pgconn.status != pq.ConnStatus.OK
            or pgconn.transaction_status != pq.TransactionStatus.IDLE
        ):
            return super().is_usable()
        try:
            quiet = not _has_input(pgconn.socket)
        except (OSError, ValueError, base.Database.Error):
            return False
        # Something arrived on an idle connection: the server's goodbye, or a notice. Ask it.
        return quiet or super().is_usable()
