"""A grading worker started with PATHWISE_SANDBOX_WARM_UP=1 grades its first submission on the warm parent it
started at worker start (issue 16, finding 8: the warm parents were started from the warm-up thread, and bwrap's
--die-with-parent killed them when that thread returned, so the first job paid a cold start).

The first job's latency (submitted to graded) is printed; run with -s to see it."""

from __future__ import annotations

import re
import time

import pytest

from tests.exercises.conftest import reference_source
from tests.factories import UserFactory
from tests.faults.conftest import wait_status
from tests.workers import django_worker_env

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

READY = re.compile(r"sandbox slot \d+: (\w+) warm parent ready")


def test_the_first_submission_after_worker_start_runs_on_the_warm_parent(start_worker, softmax, submit):
    from gpu_runner.bank import Bank

    worker = start_worker(env=django_worker_env(PATHWISE_SANDBOX_WARM_UP="1"))
    # The warm-up starts every warm parent the bank needs (the plain one first), then its thread returns.
    worker.wait_for("torch warm parent ready", timeout=180)
    time.sleep(2.0)
    started = time.monotonic()
    submission_id = submit(UserFactory(username="first"), reference_source(Bank.default(), "softmax"))
    done = wait_status(submission_id, ("passed", "failed", "error"), logs=[worker])
    latency = time.monotonic() - started
    print(f"\nfirst job after worker start: {latency:.2f} s from submission to graded ({done.usage})")
    assert done.status == "passed"
    # One start per flavour: the job found its warm parent alive and started none.
    assert READY.findall(worker.text()) == ["plain", "torch"]
