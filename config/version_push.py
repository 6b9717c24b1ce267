"""Versions (config.http_cache) kept in each process's memory while PostgreSQL says they have not changed.

A version lives in the shared cache, and every read of data keyed on it (a cached curriculum answer, its 304, the
curriculum kept per process) first reads the version: a Redis round trip, which costs a web worker about 0.1 ms of
CPU on loopback, as much as the token query of the same request (docs/ARCHITECTURE.md, "Connections").

With the push on (`PATHWISE_VERSION_PUSH`: PostgreSQL and a Redis cache), each thread's database connection
LISTENs on one channel, and whoever replaces a version NOTIFYs it after writing the new one to the cache
(`announce`, from `version_bump`). A version read since the last notification is then served from memory. The
server sends a notification to a listening connection as soon as the notifying statement commits, and this
process reads it from the socket before it trusts its copy (`live`: a poll of the idle socket without waiting,
or while reading any query's answer); so once a bump is announced, the next read of every process sees it, as
with a cache read. Each bump is announced after its own cache write, so the last announcement follows the last
write whichever order the two bumps of a curriculum change run in.

Nothing is trusted when it cannot be proved fresh: inside a transaction (a notification waits for its end), on a
connection that is closed, broken or not yet listening (LISTEN is sent once per connection, and what was kept is
dropped then, since notifications may have been missed before), on SQLite, and after MAX_AGE_S whatever
happened (a bound on the damage of a notification that was never sent).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from psycopg import pq

from config.postgresql.base import unread

logger = logging.getLogger(__name__)

CHANNEL = "pathwise_versions"
MAX_AGE_S = 60.0


class _State(threading.local):
    def __init__(self) -> None:
        self.conn: weakref.ref[Any] | None = None  # the psycopg connection that LISTENs
        self.known: dict[str, tuple[float, Any]] = {}  # key -> (monotonic time read, version)
        self.generation = 0  # moves at every notification: a read that raced one is not kept


_state = _State()


def enabled() -> bool:
    return bool(getattr(settings, "PATHWISE_VERSION_PUSH", False))


def live(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether this thread's copies can be trusted now: the push is on, the connection is open, idle outside a
    transaction and listening, and every notification that reached its socket has been taken in."""
    if not enabled():
        return False
    wrapper = connections[using]
    conn = wrapper.connection
    if wrapper.vendor != "postgresql" or conn is None or wrapper.in_atomic_block or conn.closed:
        return False
    if conn.info.transaction_status != pq.TransactionStatus.IDLE:
        return False
    try:
        if _state.conn is None or _state.conn() is not conn:
            _listen(conn)
        _drain(conn)
    except Exception:  # a connection the server dropped: the health check replaces it; until then, no copies
        logger.debug("version push: connection unusable", exc_info=True)
        _state.known.clear()
        return False
    return not conn.closed  # psycopg's `closed` includes `broken`


def known(key: str) -> Any | None:
    found = _state.known.get(key)
    if found is None or time.monotonic() - found[0] > MAX_AGE_S:
        return None
    return found[1]


def generation() -> int:
    return _state.generation


def remember(key: str, version: Any, read_at_generation: int) -> None:
    """Keep `version`, read from the cache after `live()` said yes and `generation()` gave `read_at_generation`."""
    if _state.generation == read_at_generation:
        _state.known[key] = (time.monotonic(), version)


def forget(key: str) -> None:
    _state.known.pop(key, None)


def announce(key: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Tell every listening process that `key` changed; call after writing the new version to the cache. A failure
    is logged, not raised: the version is written, and copies elsewhere expire after MAX_AGE_S."""
    forget(key)
    if not enabled() or connections[using].vendor != "postgresql":
        return
    try:
        with connections[using].cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, key])
    except Exception:
        logger.exception("version push: could not announce %s", key)


def _listen(conn: Any) -> None:
    _state.known.clear()  # what was read before this connection listened may have missed a notification
    _state.conn = None
    conn.execute(f"LISTEN {CHANNEL}")  # autocommit and idle (checked above): effective at once
    conn.add_notify_handler(_on_notify)  # once per connection, after LISTEN (nothing can arrive before it)
    _state.conn = weakref.ref(conn)


def _drain(conn: Any) -> None:
    """Take in what the server sent unasked, without waiting: notifications arrive between our queries."""
    if not unread(conn):
        return
    pgconn = conn.pgconn
    pgconn.consume_input()
    while (notify := pgconn.notifies()) is not None:
        pgconn.notify_handler(notify)


def _on_notify(notify: Any) -> None:
    if notify.channel != CHANNEL:
        return
    _state.generation += 1
    _state.known.pop(notify.payload, None)
