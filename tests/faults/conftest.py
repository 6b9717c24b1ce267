"""Real services, real faults: Celery worker processes that these tests start, kill and restart against the
real PostgreSQL and Redis. Never CELERY_TASK_ALWAYS_EAGER, never a mock in place of a broker or a database.

The workers are separate processes, so the tests use pytest-django's transactional database (`test_<name>`)
and pass its name to the workers in DATABASE_URL.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest
from django.conf import settings

from exercises.models import Submission

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
BROKER_URL = settings.CELERY_BROKER_URL

# A correct softmax that first spins for a while, so a test can hit its worker in the middle of grading.
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


def database_url() -> str:
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_env(broker_url: str = BROKER_URL, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker_url,
        "HF_HUB_OFFLINE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def flush_broker(url: str = BROKER_URL) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


class Worker:
    """A `celery worker` process group: started, read through its log, killed or stopped."""

    def __init__(self, log: Path, env: dict[str, str], *, app: str = "config", queues: str = "grading,events",
                 concurrency: int = 1) -> None:
        self.log = log
        self.handle = log.open("ab")
        self.process = subprocess.Popen(
            [CELERY, "-A", app, "worker", "-Q", queues, "-c", str(concurrency), "--prefetch-multiplier", "1",
             "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info",
             "-n", f"faults-{uuid.uuid4().hex[:8]}@%h"],
            cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True,
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.text():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"worker did not start:\n{self.text()[-3000:]}")

    def pool_children(self) -> list[psutil.Process]:
        """The prefork pool processes: they run the tasks (and the sandbox under them)."""
        try:
            return psutil.Process(self.process.pid).children(recursive=False)
        except psutil.NoSuchProcess:
            return []

    def kill_pool_child(self) -> int:
        """SIGKILL the pool process running the task; the main process lives on and forks a new one."""
        children = self.pool_children()
        assert len(children) == 1, f"expected one pool process, found {children}"
        pid = children[0].pid
        os.kill(pid, signal.SIGKILL)
        return pid

    def kill(self) -> None:
        """SIGKILL the whole worker (main process, pool, sandbox): nothing gets to ack or reject."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.handle.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if not self.handle.closed:
            self.handle.close()


@pytest.fixture
def start_worker(transactional_db, tmp_path) -> Iterator[Callable[..., Worker]]:
    flush_broker()
    started: list[Worker] = []

    def start(name: str = "worker", *, broker_url: str = BROKER_URL, env: dict[str, str] | None = None,
              **kwargs: object) -> Worker:
        worker = Worker(tmp_path / f"{name}.log", env or worker_env(broker_url), **kwargs)
        started.append(worker)
        worker.wait_ready()
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()
        flush_broker()


def wait_for(predicate: Callable[[], bool], what: str, *, timeout: float = 120, logs: list[Worker] = ()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    tails = "\n".join(w.text()[-3000:] for w in logs)
    raise AssertionError(f"timed out waiting for {what}\n{tails}")


def wait_status(submission_id: int, statuses: tuple[str, ...], *, timeout: float = 120,
                logs: list[Worker] = ()) -> Submission:
    wait_for(lambda: Submission.objects.get(pk=submission_id).status in statuses,
             f"submission {submission_id} to reach {statuses}", timeout=timeout, logs=logs)
    return Submission.objects.get(pk=submission_id)


@pytest.fixture
def softmax(transactional_db):
    """The softmax Exercise row, synced from the repository's bank like load_exercises does."""
    from exercises.management.commands.load_exercises import exercise_fields
    from exercises.models import Exercise
    from gpu_runner.bank import Bank
    from tests.factories import MilestoneFactory

    source = Bank.default().get("softmax")
    milestone = MilestoneFactory(slug=source.milestone, completion="auto")
    return Exercise.objects.create(slug="softmax", milestone=milestone, **exercise_fields(source))


@pytest.fixture
def submit():
    """POST a code submission through the API as `user` (the real create + enqueue-on-commit path)."""
    from rest_framework.test import APIClient

    def post(user, source: str, exercise: str = "softmax") -> int:
        client = APIClient()
        client.force_authenticate(user)
        response = client.post("/api/v1/submissions/", {"exercise": exercise, "source": source}, format="json")
        assert response.status_code == 201, response.content
        return response.json()["id"]

    return post
