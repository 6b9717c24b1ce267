"""Versions kept in memory while PostgreSQL says they are unchanged (config/version_push.py), on the real server:
a read after the first comes from memory, a NOTIFY (another process's bump) makes the next read go to the cache,
a bump inside a transaction is announced only once it commits, and nothing is kept inside a transaction, across
a new connection or past the maximum age. The last test runs gunicorn with two workers on the shared Redis and
changes a milestone from another process: every worker's next answer has the change."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections, transaction

from accounts.services.tokens import api_token_create
from config import version_push
from config.http_cache import Version, version_bump, version_get
from tests.factories import UserFactory
from tests.workers import (
    ROOT,
    LoggedProcess,
    django_database_url,
    django_worker_env,
    flush_redis,
    free_port,
    own_broker_url,
)

pytestmark = pytest.mark.django_db(transaction=True)
KEY = "tests:version-push"


@pytest.fixture(autouse=True)
def push_on(settings):
    settings.PATHWISE_VERSION_PUSH = True
    cache.delete(KEY)
    connection.ensure_connection()
    yield
    version_push.forget(KEY)


def _notify_from_elsewhere(payload: str) -> None:
    """A NOTIFY from another connection, as another process's `announce` sends it."""
    with psycopg.connect(django_database_url(), autocommit=True) as other:
        other.execute("SELECT pg_notify(%s, %s)", [version_push.CHANNEL, payload])


def _eventually(read, expected, seconds: float = 5.0):
    """The server sends a notification as the notifying statement commits; it reaches this socket a moment later."""
    deadline = time.monotonic() + seconds
    while (found := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.01)
    return found


def test_a_read_is_kept_until_another_process_announces_a_change():
    first = version_get(KEY)
    other = Version(token="changed-elsewhere", changed_at=first.changed_at + 5)
    cache.set(KEY, other, timeout=None)  # written behind this process's back, not announced
    assert version_get(KEY) == first  # served from memory: the cache was not read

    _notify_from_elsewhere(KEY)
    assert _eventually(lambda: version_get(KEY), other) == other


def test_a_notification_for_another_key_keeps_this_one():
    first = version_get(KEY)
    cache.set(KEY, Version(token="unannounced", changed_at=1), timeout=None)
    heard_before = version_push.generation()
    _notify_from_elsewhere("tests:another-key")
    # Once the notification has been taken in (the generation moved), this key is still served from memory.
    assert _eventually(lambda: version_get(KEY) == first and version_push.generation() > heard_before, True)


def test_a_bump_in_another_thread_reaches_the_next_read_here():
    first = version_get(KEY)
    bumped: list[Version] = []

    def elsewhere() -> None:  # its own Django connection, as another worker has
        bumped.append(version_bump(KEY))
        connections.close_all()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert bumped[0] != first
    assert _eventually(lambda: version_get(KEY), bumped[0]) == bumped[0]


def test_a_bump_inside_a_transaction_is_announced_once_it_commits():
    with psycopg.connect(django_database_url(), autocommit=True) as listener:
        listener.execute(f"LISTEN {version_push.CHANNEL}")
        with transaction.atomic():
            version_bump(KEY)
            assert list(listener.notifies(timeout=0.3)) == []  # not before the commit
        heard = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
    assert heard == [KEY]


def test_inside_a_transaction_the_cache_is_read():
    version_get(KEY)
    other = Version(token="read-in-a-transaction", changed_at=7)
    cache.set(KEY, other, timeout=None)
    with transaction.atomic():
        assert version_get(KEY) == other


def test_a_new_connection_drops_what_was_kept():
    version_get(KEY)
    other = Version(token="after-reconnecting", changed_at=9)
    cache.set(KEY, other, timeout=None)
    connection.close()  # a notification sent meanwhile would have been lost with it
    connection.ensure_connection()
    assert version_get(KEY) == other


def test_a_connection_the_server_closed_is_not_trusted_and_the_next_query_reconnects():
    version_get(KEY)
    other = Version(token="after-a-restart", changed_at=10)
    cache.set(KEY, other, timeout=None)
    pid = connection.connection.info.backend_pid
    with psycopg.connect(django_database_url(), autocommit=True) as other_connection:
        other_connection.execute("SELECT pg_terminate_backend(%s)", [pid])
    assert _eventually(lambda: version_get(KEY), other) == other  # read from the cache, no error
    connection.close_if_unusable_or_obsolete()  # as a request starts: the health check is due
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_a_kept_version_expires_after_the_maximum_age(monkeypatch):
    version_get(KEY)
    other = Version(token="after-the-maximum-age", changed_at=11)
    cache.set(KEY, other, timeout=None)
    monkeypatch.setattr(version_push, "MAX_AGE_S", 0.0)
    assert version_get(KEY) == other


def test_nothing_is_kept_with_the_push_off(settings):
    settings.PATHWISE_VERSION_PUSH = False
    version_get(KEY)
    other = Version(token="push-off", changed_at=13)
    cache.set(KEY, other, timeout=None)
    assert version_get(KEY) == other


# --- two gunicorn workers on the shared Redis, a milestone changed by another process ----------------------------

CHANGE = """
from planner.models import Milestone
milestone = Milestone.objects.get(slug="tokenization")
milestone.title_en = "Tokenisation, renamed elsewhere"
milestone.save()
"""


@pytest.mark.slow
def test_every_gunicorn_worker_serves_a_change_made_by_another_process_at_once(tmp_path: Path):
    call_command("load_curriculum", verbosity=0, stdout=io.StringIO())
    redis_url = own_broker_url()  # flushed: this test process's own db
    flush_redis(redis_url)
    key = api_token_create(user=UserFactory(), name="push")[1]
    env = django_worker_env(DJANGO_SETTINGS_MODULE="config.settings.local", DJANGO_DEBUG="0", CACHE_URL=redis_url)
    env.pop("PATHWISE_VERSION_PUSH", None)  # production's default: on (PostgreSQL and Redis)
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = LoggedProcess([gunicorn, "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"], tmp_path / "g.log", env)
    url = f"http://127.0.0.1:{port}/api/v1/milestones/?search=tokeni"
    headers = {"Authorization": f"Token {key}", "Accept-Language": "en"}
    try:
        server.wait_for("Booting worker", timeout=60)
        etag = _first_etag(server, url, headers)
        for _ in range(20):  # both workers have read (and now keep) the version
            assert httpx.get(url, headers={**headers, "If-None-Match": etag}).status_code == 304
        subprocess.run([sys.executable, "manage.py", "shell", "-c", CHANGE], cwd=ROOT, env=env, check=True)
        answers = [httpx.get(url, headers={**headers, "If-None-Match": etag}) for _ in range(20)]
    finally:
        server.stop()
    assert [a.status_code for a in answers] == [200] * 20
    assert all("Tokenisation, renamed elsewhere" in a.text for a in answers)


def _first_etag(server: LoggedProcess, url: str, headers: dict[str, str]) -> str:
    for _ in range(200):
        try:
            answer = httpx.get(url, headers=headers, timeout=5)
            assert answer.status_code == 200, answer.text
            return answer.headers["ETag"]
        except httpx.TransportError:
            if server.process.poll() is not None:
                break
            time.sleep(0.1)
    raise RuntimeError(server.text()[-3000:])
