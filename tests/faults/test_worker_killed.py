"""A worker SIGKILLed in the middle of grading: once a worker is back, the submission is graded exactly
once (one result, one notification) and its quota is spent once."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

import pytest

from accounts.models import Notification
from exercises.models import Submission
from exercises.services import quota_get
from exercises.services.grading import submissions_sweep_stuck
from tests.factories import UserFactory
from tests.faults.conftest import BUSY_SOFTMAX, wait_for, wait_status
from tests.make_run import WebServer, make_run_env, prepare
from tests.workers import CeleryWorker

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Long enough to be killed in the middle, well inside softmax's limits (cpu_s 5, wall_s 10).
BUSY_S = 3


def assert_graded_once(submission: Submission, *, deliveries: int) -> None:
    assert (submission.status, submission.score, submission.error_code) == ("passed", 1.0, ""), submission.error_message
    assert submission.delivery_attempts == deliveries
    assert Notification.objects.filter(user=submission.user, kind="submission_graded").count() == 1
    assert Submission.objects.filter(user=submission.user).count() == 1
    quota = quota_get(user=submission.user, exercise=submission.exercise)
    assert (quota.used, quota.remaining) == (1, quota.limit - 1)


def test_pool_process_killed_mid_grading_is_graded_once_when_the_task_is_redelivered(start_worker, softmax, submit):
    """reject_on_worker_lost puts the task back at once; the redelivery must grade it, not wait for the sweep."""
    learner = UserFactory(username="pool-killed")
    worker = start_worker()
    submission_id = submit(learner, BUSY_SOFTMAX.format(seconds=BUSY_S))
    wait_status(submission_id, ("running",), logs=[worker])
    time.sleep(1.0)

    worker.kill_pool_child()

    # No sweep here: within a minute of the kill the redelivered task alone must have graded it.
    graded = wait_status(submission_id, ("passed", "failed", "error"), timeout=60, logs=[worker])
    assert_graded_once(graded, deliveries=2)
    assert "WorkerLostError" in worker.text()


def test_whole_worker_killed_mid_grading_is_graded_once_after_the_sweep(start_worker, softmax, submit):
    """SIGKILL of the whole worker: nothing is rejected or acked; the message sits unacked in Redis until its
    visibility timeout. A new worker does not touch the running row before its lease lapses (nobody renews it
    now); the sweep (run by beat every minute) re-enqueues it once it lapsed, and the new worker grades it once."""
    learner = UserFactory(username="worker-killed")
    first = start_worker("first")
    submission_id = submit(learner, BUSY_SOFTMAX.format(seconds=BUSY_S))
    wait_status(submission_id, ("running",), logs=[first])
    time.sleep(1.0)

    first.kill()
    second = start_worker("second")
    time.sleep(BUSY_S + 2)
    stuck = Submission.objects.get(pk=submission_id)
    assert (stuck.status, stuck.delivery_attempts) == ("running", 1)
    assert stuck.lease_expires_at < stuck.deadline_at
    lapsed = stuck.lease_expires_at
    assert submissions_sweep_stuck(now=lapsed - dt.timedelta(seconds=1)) == {"requeued": 0, "given_up": 0}

    assert submissions_sweep_stuck(now=lapsed + dt.timedelta(seconds=1)) == {"requeued": 1, "given_up": 0}

    graded = wait_status(submission_id, ("passed", "failed", "error"), timeout=90, logs=[second])
    assert_graded_once(graded, deliveries=2)
    # A late sweep or a late redelivery of the first message finds the row final and changes nothing.
    assert submissions_sweep_stuck(now=stuck.deadline_at + dt.timedelta(hours=2)) == {"requeued": 0, "given_up": 0}
    assert_graded_once(Submission.objects.get(pk=submission_id), deliveries=2)


def test_pool_process_killed_mid_grading_on_make_runs_filesystem_broker_is_graded_once_without_the_sweep(tmp_path):
    """kombu's filesystem transport (make run's broker) redelivers a rejected task without marking it redelivered:
    the claim's lease, not that flag, says the worker is gone (issue 16, finding 7). No beat runs here, so only
    the redelivery can grade it. make run's whole stack: SQLite, runserver, a worker with one pool process."""
    import httpx

    env = make_run_env(tmp_path)
    token = prepare(env, ["fs-learner"])["fs-learner"]
    server = WebServer(tmp_path / "web.log", env)
    worker = CeleryWorker(tmp_path / "worker.log", env, queues="grading,events", concurrency=1, prefetch_multiplier=1)
    try:
        server.wait_ready()
        worker.wait_ready()
        response = httpx.post(
            f"{server.url}/api/v1/submissions/",
            json={"exercise": "softmax", "source": BUSY_SOFTMAX.format(seconds=BUSY_S)},
            headers={"Authorization": f"Token {token}"},
            timeout=60,
        )
        assert response.status_code == 201, response.text
        submission_id = response.json()["id"]
        db = tmp_path / "db.sqlite3"
        wait_for(lambda: row(db, submission_id)[0] == "running", "running", logs=[worker])
        time.sleep(1.0)

        worker.kill_pool_child()

        wait_for(lambda: row(db, submission_id)[0] in FINAL, "graded", timeout=60, logs=[worker])
    finally:
        worker.stop()
        server.stop()
    status, score, error_code, deliveries = row(db, submission_id)
    assert (status, score, error_code, deliveries) == ("passed", 1.0, "", 2)
    assert "WorkerLostError" in worker.text()
    with sqlite3.connect(db) as conn:
        (graded,) = conn.execute(
            "SELECT count(*) FROM accounts_notification WHERE kind = 'submission_graded'"
        ).fetchone()
        (counted,) = conn.execute("SELECT count(*) FROM exercises_submission WHERE counts_against_quota").fetchone()
    assert (graded, counted) == (1, 1)


FINAL = ("passed", "failed", "error")


def row(db, submission_id: int) -> tuple:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(
            "SELECT status, score, error_code, delivery_attempts FROM exercises_submission WHERE id = ?",
            [submission_id],
        ).fetchone()
