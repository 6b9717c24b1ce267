"""Real Celery workers (and other servers) as subprocesses, for the tests that need the whole queue path and for
scripts/load_test.py: build a worker's environment, start `celery -A <app> worker` with its own log file, wait
until it says it is ready, kill or stop it and reap it, and flush a Redis database.

Plain functions and classes, no pytest and no Django at import time: a script that puts the repository root on
sys.path imports this module as it is (the fixtures built on it live in tests/conftest.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
READY = " ready."  # celery's `celery@host ready.` once it consumes from its queues
# A correct softmax that first spins for a while, so a test (or scripts/bench_recovery.py) can hit its worker in
# the middle of grading.
BUSY_SOFTMAX = """\
import time

import numpy as np

_until = time.monotonic() + {seconds}
while time.monotonic() < _until:
    pass


def softmax(x, axis=-1):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
"""


def free_port() -> int:
    """A loopback TCP port that nothing listens on now (for a server a test or a benchmark starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def suite_process() -> str:
    """This pytest process's name among those running the suite side by side: pytest-xdist's gw0, gw1, ...; gw0
    for a run in one process."""
    return os.environ.get("PYTEST_XDIST_WORKER", "gw0")


def own_broker_url() -> str:
    """The Redis database this test process's queues and shared caches use: CELERY_BROKER_URL where it is set,
    else db 15 for gw0 (see suite_process), 14 for gw1, and so on down, so that test processes running side by side
    never flush or consume each other's queues."""
    return os.environ.get("CELERY_BROKER_URL") or f"redis://127.0.0.1:6379/{15 - int(suite_process()[2:])}"


def django_database_url() -> str:
    """DATABASE_URL for the database this process uses now: under pytest-django, the `test_<name>` one.
    The test database lives only as long as the pytest process, so workers must be told its name."""
    from django.db import connection

    db = connection.settings_dict
    auth = f"{quote(db['USER'])}:{quote(db['PASSWORD'])}" if db.get("PASSWORD") else quote(db["USER"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def django_broker_url() -> str:
    from django.conf import settings

    return settings.CELERY_BROKER_URL


def worker_env(database_url: str, broker_url: str, **extra: str) -> dict[str, str]:
    """This process's environment with the worker's database, broker and the test settings; `extra` wins."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "HF_HUB_OFFLINE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def django_worker_env(*, broker_url: str | None = None, **extra: str) -> dict[str, str]:
    """worker_env() for the database and broker this (pytest) process uses now."""
    return worker_env(django_database_url(), broker_url or django_broker_url(), **extra)


def run_python(
    args: list[str], env: dict[str, str], *, cwd: Path = ROOT, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`python <args>` with this interpreter in a child process, its output captured as text; a command that fails
    is returned (check its returncode), not raised."""
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def flush_redis(url: str) -> None:
    """Empty one Redis database (the test's own db number): no stale task of an earlier run may be consumed."""
    import redis

    redis.Redis.from_url(url).flushdb()


class LoggedProcess:
    """A command in its own process group, its stdout and stderr in `log`; read through the log, stopped or killed
    as a whole group (a Celery worker's pool and the sandboxes under it go with it)."""

    def __init__(
        self, args: list[str], log: Path, env: dict[str, str], *, name: str | None = None, cwd: Path = ROOT
    ) -> None:
        self.name = name or log.stem
        self.log = log
        log.parent.mkdir(parents=True, exist_ok=True)
        # Append, and look for the ready line only after where this start began: a restarted worker may reuse a log.
        self.handle = log.open("ab")
        self.start_offset = self.handle.tell()
        self.process = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, marker: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.log.open("rb") as log:
                log.seek(self.start_offset)
                if marker.encode() in log.read():
                    return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start (no {marker!r} in its log):\n{self.text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the whole group at once: nothing in it gets to ack, reject or clean up."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.handle.close()

    def terminate(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)

    def stop(self, timeout: float = 30) -> None:
        """`terminate()`, then SIGKILL to the whole group after `timeout`; always reaped."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.terminate()
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if not self.handle.closed:
            self.handle.close()


class CeleryWorker(LoggedProcess):
    """`celery -A <app> worker -Q <queues> -c <concurrency>`, no gossip/mingle/heartbeat (they only slow the
    start), a unique node name so that several workers may share a broker."""

    def __init__(
        self,
        log: Path,
        env: dict[str, str],
        *,
        app: str = "config",
        queues: str = "grading,events",
        concurrency: int = 1,
        prefetch_multiplier: int | None = None,
        node: str | None = None,
        cwd: Path = ROOT,
        options: list[str] | None = None,
        loglevel: str = "info",
    ) -> None:
        """`options`: the worker's own arguments as a list (queues, concurrency...), instead of the keywords."""
        args = [sys.executable, "-m", "celery", "-A", app, "worker"]
        if options is not None:
            args += options
        else:
            args += ["-Q", queues, "-c", str(concurrency)]
            if prefetch_multiplier is not None:
                args += ["--prefetch-multiplier", str(prefetch_multiplier)]
        self.node = f"{node or log.stem}-{uuid.uuid4().hex[:8]}@%h"
        args += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", loglevel, "-n", self.node]
        super().__init__(args, log, env, cwd=cwd)

    @property
    def hostname(self) -> str:
        """The node's name as Celery's control commands address it (`destination=[worker.hostname]`)."""
        return self.node.replace("%h", socket.gethostname())

    def wait_ready(self, timeout: float = 120) -> None:
        self.wait_for(READY, timeout)

    def terminate(self) -> None:
        """Celery's warm shutdown: SIGTERM to the main process alone, which lets its running tasks finish and then
        stops its pool. (The group's SIGTERM would also kill the pool processes mid-task: the main process forks
        new ones and waits on them until stop's SIGKILL.)"""
        os.kill(self.process.pid, signal.SIGTERM)

    def pool_children(self) -> list[int]:
        """The pids of the prefork pool processes: they run the tasks (and the sandbox under them)."""
        import psutil

        try:
            return [child.pid for child in psutil.Process(self.process.pid).children(recursive=False)]
        except psutil.NoSuchProcess:
            return []

    def kill_pool_child(self) -> int:
        """SIGKILL the one pool process (running the task); the main process lives on and forks a new one."""
        children = self.pool_children()
        assert len(children) == 1, f"expected one pool process, found {children}"
        os.kill(children[0], signal.SIGKILL)
        return children[0]
