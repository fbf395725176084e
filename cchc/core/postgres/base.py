"""Django's PostgreSQL backend with a health check that asks the socket before asking the server.

``CONN_HEALTH_CHECKS`` sends ``SELECT 1`` before the first query of every request: one more round
trip per request, a sixth of a contest paper's hand-in in a deadline's rush. A server that restarts
or ends the session tells its clients (a termination message, then end of stream), so a connection
with nothing to read, not broken and outside any transaction, is still usable; anything else is
checked the usual way, with the round trip.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from psycopg import pq


class DatabaseWrapper(PostgresWrapper):
    def quiet(self) -> bool:
        """True when the idle connection has nothing waiting from the server: no notice of its end."""
        conn = self.connection
        if conn is None or conn.closed or conn.broken or not hasattr(select, "poll"):
            return False
        if conn.info.transaction_status != pq.TransactionStatus.IDLE:
            return False
        poller = select.poll()
        poller.register(conn.fileno(), select.POLLIN | select.POLLPRI)
        return not poller.poll(0)

    def close_if_health_check_failed(self):
        if self.connection is not None and self.health_check_enabled and not self.health_check_done and self.quiet():
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
