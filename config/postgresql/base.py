"""Django's PostgreSQL backend with a health check that costs no round trip.

With `CONN_HEALTH_CHECKS`, Django checks a kept connection before a request first uses it, by sending `SELECT 1`
(`DatabaseWrapper.is_usable`). That is a second round trip on every request whose work is one query, the API's
304 among them: it cost about 0.1 ms of worker CPU per request plus the server's share (BENCHMARKS.md).

A connection idle between requests has nothing to read: every answer to what this process sent has been read. So
the socket becomes readable only when the server says something unasked: it closed the connection (a restart,
`pg_terminate_backend`, `idle_session_timeout`: the server sends its FATAL error, then end of file) or sent a
notice. `is_usable` asks the kernel whether the socket is readable, without waiting: not readable means usable;
readable, or a connection inside a transaction, falls back to Django's `SELECT 1`, which tells a dropped
connection from a notice. What this cannot see, a peer that vanished without closing (a cut cable), `SELECT 1`
would not see either before the socket timed out. go-sql-driver/mysql's `connCheck` reads a kept connection the
same way before reusing it.
"""

from __future__ import annotations

import select
from typing import Any

from django.db.backends.postgresql import base
from psycopg import pq


def unread(conn: Any) -> bool:
    """Whether the server has sent this psycopg connection something it has not read yet, asked without waiting
    (also read by config.version_push, whose notifications arrive the same way)."""
    poller = select.poll()  # not select.select: a worker's descriptor may be above FD_SETSIZE
    poller.register(conn.fileno(), select.POLLIN | select.POLLPRI)
    return bool(poller.poll(0))  # POLLHUP and POLLERR are reported whatever was asked for


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        conn = self.connection
        if conn is None or conn.closed:  # psycopg's `closed` includes `broken`
            return False
        if conn.info.transaction_status != pq.TransactionStatus.IDLE or unread(conn):
            return super().is_usable()
        return True
