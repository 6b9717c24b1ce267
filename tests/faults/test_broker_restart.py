"""Redis stops while submissions are queued and one is running, then starts again (empty: no persistence):
none is lost (the running one finishes, the queued ones come back through the sweep), none is graded twice.

This test runs its own redis-server on port 6390 (never the shared one) and a worker that uses it."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from celery import Celery
from django.utils import timezone
from kombu import Connection

from accounts.models import Notification
from exercises.models import Submission
from tests.exercises.conftest import reference_source
from tests.factories import UserFactory
from tests.faults.conftest import BUSY_SOFTMAX, wait_for, wait_status

pytestmark = [
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server to start a private Redis"),
]

# The private Redis of this test (never the shared one on 6379); another port through the environment.
PORT = int(os.environ.get("PATHWISE_FAULTS_REDIS_PORT", "6390"))
OWN_BROKER = f"redis://127.0.0.1:{PORT}/0"
FINAL = ("passed", "failed", "error")


class OwnRedis:
    def __init__(self, folder: Path) -> None:
        self.pidfile = folder / "redis.pid"
        self.folder = folder

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.pidfile),
                "--dir",
                str(self.folder),
            ],
            check=True,
            capture_output=True,
        )
        wait_for(self.answers, f"redis on {PORT}", timeout=20)

    def answers(self) -> bool:
        return (
            subprocess.run(["redis-cli", "-p", str(PORT), "ping"], capture_output=True, text=True).stdout.strip()
            == "PONG"
        )

    def stop(self) -> None:
        """SIGTERM to the pid this test started (from its pidfile), never to whatever answers on the port."""
        pid = int(self.pidfile.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        wait_for(
            lambda: not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE,
            f"redis {pid} to stop",
            timeout=20,
        )
        self.pidfile.unlink(missing_ok=True)


@pytest.fixture
def own_redis(tmp_path) -> Iterator[OwnRedis]:
    server = OwnRedis(tmp_path)
    if server.answers():
        pytest.skip(f"port {PORT} is taken by another Redis")
    server.start()
    try:
        yield server
    finally:
        if server.pidfile.exists():
            server.stop()


def send_to_own_broker(task: str, args: list[int], queue: str) -> None:
    """Send a task to the private broker, as submission_enqueue or beat would (this process's Celery app points
    at the shared Redis, and CELERY_BROKER_URL in the environment wins over a `broker=` argument)."""
    with Connection(OWN_BROKER) as connection:
        # set_as_current=False: a new app would otherwise become the current one, and every later `.delay()` in
        # this process (shared tasks) would go through it, without the project's routes.
        Celery("faults-sender", set_as_current=False).send_task(task, args=args, queue=queue, connection=connection)


def test_broker_restart_loses_no_submission_and_grades_none_twice(own_redis, start_worker, softmax, submit):
    from gpu_runner.bank import Bank

    reference = reference_source(Bank.default(), "softmax")
    worker = start_worker(broker_url=OWN_BROKER)
    learners = [UserFactory(username=f"restart-{n}") for n in range(3)]
    ids = [submit(learners[0], BUSY_SOFTMAX.format(seconds=4))] + [submit(u, reference) for u in learners[1:]]
    for submission_id in ids:
        send_to_own_broker("exercises.grade_submission", [submission_id], "grading")
    running = wait_status(ids[0], ("running",), logs=[worker])
    assert [s.status for s in Submission.objects.filter(pk__in=ids[1:])] == ["queued", "queued"]

    own_redis.stop()
    time.sleep(2)
    own_redis.start()

    # The running job does not need the broker to finish: its result goes straight to the database.
    first = wait_status(running.pk, FINAL, timeout=60, logs=[worker])
    assert (first.status, first.delivery_attempts) == ("passed", 1)
    # The queued messages died with the broker; the rows did not. Ten minutes on, beat's sweep finds them.
    assert [s.status for s in Submission.objects.filter(pk__in=ids[1:])] == ["queued", "queued"]
    Submission.objects.filter(pk__in=ids[1:]).update(deadline_at=timezone.now() - dt.timedelta(seconds=1))
    send_to_own_broker("exercises.sweep_stuck_submissions", [], "events")

    for submission_id in ids:
        graded = wait_status(submission_id, FINAL, timeout=90, logs=[worker])
        assert (graded.status, graded.score, graded.delivery_attempts) == ("passed", 1.0, 1), graded.error_message
    for learner in learners:
        assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 1
    assert "Connection to broker lost" in worker.text() or "Cannot connect" in worker.text()
