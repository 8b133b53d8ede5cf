import logging
import time

from django.conf import settings
from django.db.backends.postgresql import base

logger = logging.getLogger(__name__)


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
