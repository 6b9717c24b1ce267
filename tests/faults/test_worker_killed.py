"""A worker SIGKILLed in the middle of grading: once a worker is back, the submission is graded exactly
once (one result, one notification) and its quota is spent once."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from accounts.models import Notification
from exercises.models import Submission
from exercises.services import quota_get
from exercises.services.grading import submissions_sweep_stuck
from tests.factories import UserFactory
from tests.faults.conftest import BUSY_SOFTMAX, wait_status

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Long enough to be killed in the middle, well inside softmax's limits (cpu_s 5, wall_s 10).
BUSY_S = 3


def assert_graded_once(submission: Submission, *, deliveries: int) -> None:
    assert (submission.status, submission.score, submission.error_code) == ("passed", 1.0, ""), (
        submission.error_message
    )
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
    visibility timeout. A new worker does not touch the running row before its deadline; the sweep (run by
    beat every minute) re-enqueues it once the deadline passed, and the new worker grades it once."""
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
    assert submissions_sweep_stuck(now=stuck.deadline_at - dt.timedelta(seconds=1)) == {"requeued": 0, "given_up": 0}

    assert submissions_sweep_stuck(now=stuck.deadline_at + dt.timedelta(seconds=1)) == {"requeued": 1, "given_up": 0}

    graded = wait_status(submission_id, ("passed", "failed", "error"), timeout=90, logs=[second])
    assert_graded_once(graded, deliveries=2)
    # A late sweep or a late redelivery of the first message finds the row final and changes nothing.
    assert submissions_sweep_stuck(now=stuck.deadline_at + dt.timedelta(hours=2)) == {"requeued": 0, "given_up": 0}
    assert_graded_once(Submission.objects.get(pk=submission_id), deliveries=2)
