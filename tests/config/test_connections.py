"""Persistent database connections under a real gunicorn with forked workers: each worker opens its own connection
after the fork (even with --preload) and keeps it between requests; with DATABASE_CONN_MAX_AGE=0 none outlives its
request."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from django.db import connection

from accounts.services.tokens import api_token_create
from tests.factories import UserFactory
from tests.workers import LoggedProcess, django_database_url, django_worker_env, free_port

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _backends(application_name: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", [application_name])
        return sorted(row[0] for row in cursor.fetchall())


def _backends_once_closed(application_name: str, seconds: float = 5.0) -> list[int]:
    """The backends still open after those closed at their request's end have exited: the worker closes its
    connection after the response is sent, and PostgreSQL lists a backend until its process is gone, so a reader
    that asks at once can race both. A connection kept for reuse never goes, and is still what this returns."""
    deadline = time.monotonic() + seconds
    while (left := _backends(application_name)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


@contextmanager
def _gunicorn(tmp_path, conn_max_age: str) -> Iterator[tuple[str, str]]:
    """Gunicorn serving the project with two forked workers and DATABASE_CONN_MAX_AGE=`conn_max_age`, up and
    answering: yields its base URL and the application name its connections carry; stopped on the way out."""
    name = f"pw-conn-{uuid.uuid4().hex[:8]}"
    server, base = _serve(tmp_path, name, conn_max_age)
    try:
        _wait_up(server, base)
        yield base, name
    finally:
        server.stop()


def _serve(tmp_path, application_name: str, conn_max_age: str) -> tuple[LoggedProcess, str]:
    port = free_port()
    env = django_worker_env(
        DATABASE_URL=f"{django_database_url()}?application_name={application_name}",
        DATABASE_CONN_MAX_AGE=conn_max_age,
    )
    server = LoggedProcess(
        [str(GUNICORN), "config.wsgi", "--preload", "-w", "2", "-b", f"127.0.0.1:{port}"],
        tmp_path / "gunicorn.log",
        env,
    )
    return server, f"http://127.0.0.1:{port}"


def _hammer(base: str, key: str, n: int) -> list[int]:
    headers = {"Authorization": f"Token {key}"}

    def one(_: int) -> int:
        return httpx.get(base + "/api/v1/me/", headers=headers, timeout=30).status_code

    with ThreadPoolExecutor(4) as pool:
        return list(pool.map(one, range(n)))


def _wait_up(server: LoggedProcess, base: str) -> None:
    server.wait_for("Booting worker", timeout=60)
    for _ in range(200):
        try:
            httpx.get(base + "/api/v1/me/", timeout=2)
            return
        except httpx.TransportError:
            if server.process.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(server.text()[-3000:])


@pytest.fixture
def token_key() -> str:
    return api_token_create(user=UserFactory(), name="connections")[1]


def test_each_gunicorn_worker_keeps_its_own_connection_between_requests(tmp_path, token_key):
    with _gunicorn(tmp_path, "300") as (base, name):
        first = _hammer(base, token_key, 40)
        after_first = _backends(name)
        second = _hammer(base, token_key, 40)
        after_second = _backends(name)

    assert set(first) == set(second) == {200}
    # One connection per worker (two workers, --preload: none inherited from the master), the same ones reused.
    assert 1 <= len(after_first) <= 2
    assert after_second == after_first


def test_without_conn_max_age_no_connection_outlives_its_request(tmp_path, token_key):
    with _gunicorn(tmp_path, "0") as (base, name):
        statuses = _hammer(base, token_key, 20)
        left = _backends_once_closed(name)

    assert set(statuses) == {200}
    assert left == []
