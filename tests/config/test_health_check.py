"""The health check of kept PostgreSQL connections (config/postgresql/base.py) on the real server: an idle
connection is judged usable without sending anything, one the server closed is judged unusable and the next query
reconnects, and a connection inside a transaction is checked with Django's SELECT 1."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from django.db import connection, connections

from config.postgresql.base import DatabaseWrapper

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def kept() -> Iterator[DatabaseWrapper]:
    """A second connection of the default database, opened, as a gunicorn worker keeps one between requests."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _last_query(pid: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def _mark(wrapper: DatabaseWrapper) -> str:
    marker = f"SELECT 'marker-{uuid.uuid4().hex}'"
    with wrapper.cursor() as cursor:
        cursor.execute(marker)
    return marker


def test_every_environment_uses_the_backend():
    from config.settings.base import database_settings

    assert isinstance(connections["default"], DatabaseWrapper)
    assert database_settings("postgres://u@db:5432/pathwise")["ENGINE"] == "config.postgresql"
    assert database_settings("sqlite:////tmp/x.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


def test_an_idle_connection_is_usable_without_a_round_trip(kept):
    marker = _mark(kept)
    assert kept.is_usable()
    assert _last_query(kept.connection.info.backend_pid) == marker  # no SELECT 1 reached the server


def test_a_connection_the_server_closed_is_unusable_and_the_next_request_reconnects(kept):
    pid = kept.connection.info.backend_pid
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone()[0] == 0:
                break
            time.sleep(0.02)
    assert not kept.is_usable()
    kept.close_if_unusable_or_obsolete()  # what Django does as a request starts: the check is due again
    with kept.cursor() as cursor:  # the first query checks, finds it dropped and opens a new connection
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_inside_a_transaction_the_check_asks_the_server(kept):
    kept.set_autocommit(False)
    try:
        _mark(kept)
        assert kept.is_usable()
        assert _last_query(kept.connection.info.backend_pid) == "SELECT 1"
    finally:
        kept.rollback()
        kept.set_autocommit(True)
