"""A submission that takes its worker down every time it runs: after PATHWISE_MAX_ATTEMPTS deliveries it ends
`error` with a message, it spends no quota, and the other learners' submissions keep being graded.

The sandbox keeps learner code from signalling its worker, so the test plays the poison: whenever this
submission is running, it SIGKILLs the pool process that runs it (as an OOM kill or a crashing native
library would)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.conf import settings

from exercises.models import Submission
from exercises.services import quota_get
from exercises.services.grading import WORKER_LOST, submissions_sweep_stuck
from tests.exercises.conftest import reference_source
from tests.factories import UserFactory
from tests.faults.conftest import BUSY_SOFTMAX, wait_status

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FINAL = ("passed", "failed", "error")


def test_submission_that_kills_its_worker_every_time_ends_error_after_the_attempt_cap(start_worker, softmax, submit):
    from gpu_runner.bank import Bank

    poisoner = UserFactory(username="poison")
    others = [UserFactory(username=f"bystander-{n}") for n in range(2)]
    worker = start_worker()
    poison_id = submit(poisoner, BUSY_SOFTMAX.format(seconds=4))
    reference = reference_source(Bank.default(), "softmax")
    bystander_ids = [submit(user, reference) for user in others]

    kills = 0
    killed_at = 0.0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        poison = Submission.objects.get(pk=poison_id)
        if poison.is_final:
            break
        if poison.status == "running" and poison.delivery_attempts > kills:
            time.sleep(0.5)  # inside the job, the sandbox spinning
            worker.kill_pool_child()
            kills += 1
            killed_at = time.monotonic()
        elif poison.status == "running" and time.monotonic() - killed_at > 8:
            # Not picked up again by a redelivery: what beat's sweep does once the deadline has passed.
            submissions_sweep_stuck(now=poison.deadline_at + dt.timedelta(seconds=1))
        time.sleep(0.2)

    poison = Submission.objects.get(pk=poison_id)
    cap = settings.PATHWISE_MAX_ATTEMPTS
    assert kills == cap
    assert (poison.status, poison.error_code, poison.error_message) == (
        "error",
        "crash",
        WORKER_LOST.format(attempts=cap),
    )
    assert (poison.counts_against_quota, poison.score, poison.checks) == (False, 0.0, [])
    assert quota_get(user=poisoner, exercise=softmax).used == 0
    for submission_id in bystander_ids:
        bystander = wait_status(submission_id, FINAL, timeout=60, logs=[worker])
        assert (bystander.status, bystander.score, bystander.delivery_attempts) == ("passed", 1.0, 1)
    # The worker survived all of it and still grades.
    later = submit(others[0], reference)
    assert wait_status(later, FINAL, timeout=60, logs=[worker]).status == "passed"
