"""The claim's lease (issue 16, finding 7; DESIGN.md "Recovery"): a running job is taken back when its worker is
gone, whatever the broker says about redelivery (kombu's filesystem transport never says it)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.test import override_settings
from django.utils import timezone

from exercises.models import Submission
from exercises.services import submission_claim, submissions_sweep_stuck
from exercises.services.grading import RUNNING_MARGIN_S
from exercises.services.leases import (
    GPU_QUEUE_HOLDER,
    LeaseHeld,
    _pid_namespace,
    _proc_start,
    holder_gone,
    lease_kept,
    process_identity,
)
from tests.factories import SubmissionFactory

OTHER_HOST = "another-host|pid:[4026531836]|4242|123456"


def holder_of(pid: int) -> str:
    return f"{socket.gethostname()}|{_pid_namespace()}|{pid}|{_proc_start(pid)}"


def claimed(learner, exercise, *, attempt: int = 1, seconds_left: float = 60, **fields) -> Submission:
    """A submission a worker has claimed once: running, its deadline `seconds_left` away (negative: passed)."""
    now = timezone.now()
    return SubmissionFactory(
        user=learner,
        exercise=exercise,
        attempt=attempt,
        status="running",
        delivery_attempts=1,
        deadline_at=now + dt.timedelta(seconds=seconds_left),
        **fields,
    )


def running(learner, exercise, *, attempt: int = 1, holder: str, lease_s: float, deadline_s: float = 60) -> Submission:
    """A claimed submission whose lease `holder` holds for `lease_s` more seconds."""
    lease_expires_at = timezone.now() + dt.timedelta(seconds=lease_s)
    return claimed(
        learner,
        exercise,
        attempt=attempt,
        seconds_left=deadline_s,
        lease_owner=holder,
        lease_expires_at=lease_expires_at,
    )


@override_settings(PATHWISE_LEASE_S=30)
def test_a_claim_records_this_process_and_a_lease_that_ends_before_the_deadline(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1)
    claimed = submission_claim(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.lease_owner == claimed.lease_owner == process_identity()
    assert submission.lease_owner.split("|")[2] == str(os.getpid())
    assert submission.lease_expires_at == claimed.lease_expires_at
    assert submission.lease_expires_at == pytest.approx(
        timezone.now() + dt.timedelta(seconds=30), abs=dt.timedelta(seconds=5)
    )
    assert submission.deadline_at == pytest.approx(
        timezone.now() + dt.timedelta(seconds=softmax.limits["wall_s"] + RUNNING_MARGIN_S), abs=dt.timedelta(seconds=5)
    )


def test_a_job_held_by_a_live_process_of_this_host_is_left_to_it(learner, softmax):
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        submission = running(learner, softmax, holder=holder_of(alive.pid), lease_s=30)
        assert not holder_gone(submission.lease_owner)
        assert submission_claim(submission_id=submission.pk) is None
    finally:
        alive.kill()
        alive.wait()
    submission.refresh_from_db()
    assert (submission.status, submission.delivery_attempts) == ("running", 1)


@pytest.mark.parametrize("reaped", [True, False], ids=["exited", "zombie"])
def test_a_job_whose_holder_process_died_is_taken_back_at_once(learner, softmax, reaped):
    """A killed pool process: its pid is free, or still a zombie its parent has not reaped yet."""
    dead = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    holder = holder_of(dead.pid)
    os.kill(dead.pid, signal.SIGKILL)
    if reaped:
        dead.wait()
    else:
        deadline = time.monotonic() + 10
        while _proc_start(dead.pid) is not None and time.monotonic() < deadline:
            time.sleep(0.05)
    try:
        submission = running(learner, softmax, holder=holder, lease_s=30)
        assert holder_gone(holder)
        claimed = submission_claim(submission_id=submission.pk)
        assert (claimed.delivery_attempts, claimed.lease_owner) == (2, process_identity())
    finally:
        dead.wait()


def test_a_pid_reused_by_another_process_is_not_the_holder(learner, softmax):
    holder = holder_of(os.getpid()).rsplit("|", 1)[0] + "|1"  # this pid, started at another time
    assert holder_gone(holder)
    assert submission_claim(submission_id=running(learner, softmax, holder=holder, lease_s=30).pk) is not None


def test_a_job_held_on_another_host_is_looked_at_again_when_its_lease_ends(learner, softmax):
    submission = running(learner, softmax, holder=OTHER_HOST, lease_s=20)
    with pytest.raises(LeaseHeld) as held:
        submission_claim(submission_id=submission.pk)
    assert 19 <= held.value.retry_in <= 21.5
    submission.refresh_from_db()
    assert (submission.delivery_attempts, submission.lease_owner) == (1, OTHER_HOST)

    Submission.objects.filter(pk=submission.pk).update(lease_expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert submission_claim(submission_id=submission.pk).delivery_attempts == 2


def test_a_sent_fine_tuning_job_is_held_by_the_gpu_queue_until_its_deadline(learner, bank_exercise):
    submission = SubmissionFactory(user=learner, exercise=bank_exercise("finetune-bert-sentiment"), attempt=1)
    claimed = submission_claim(submission_id=submission.pk)
    assert (claimed.lease_owner, claimed.lease_expires_at) == (GPU_QUEUE_HOLDER, claimed.deadline_at)
    assert submission_claim(submission_id=submission.pk) is None


def test_the_sweep_takes_back_running_jobs_whose_lease_lapsed_before_their_deadline(
    learner, softmax, django_capture_on_commit_callbacks
):
    lapsed = running(learner, softmax, attempt=1, holder=OTHER_HOST, lease_s=-1)
    held = running(learner, softmax, attempt=2, holder=OTHER_HOST, lease_s=20)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert submissions_sweep_stuck() == {"requeued": 1, "given_up": 0}
    assert len(callbacks) == 1
    lapsed.refresh_from_db()
    held.refresh_from_db()
    assert (lapsed.status, held.status) == ("queued", "running")


@pytest.mark.django_db(transaction=True)
@override_settings(PATHWISE_LEASE_S=3)
def test_the_lease_is_renewed_while_the_job_runs_and_never_past_the_deadline(learner, softmax):
    holder = process_identity()
    submission = running(learner, softmax, holder=holder, lease_s=3, deadline_s=5)
    deadline = submission.deadline_at
    first = submission.lease_expires_at
    with lease_kept(submission_id=submission.pk, holder=holder, deadline=deadline):
        time.sleep(2.5)
        submission.refresh_from_db()
        renewed = submission.lease_expires_at
        time.sleep(3)
    submission.refresh_from_db()
    assert first < renewed <= deadline
    assert submission.lease_expires_at == deadline  # capped: a stuck job still ends at its deadline
