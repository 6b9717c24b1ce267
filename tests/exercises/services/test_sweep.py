import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from config.signals import jobs_only
from exercises.services import submissions_sweep_stuck
from exercises.services.grading import WORKER_LOST
from exercises.services.submissions import QUEUED_GRACE_S
from tests.factories import SubmissionFactory


@override_settings(PATHWISE_MAX_ATTEMPTS=3)
def test_sweep_requeues_stuck_submissions_and_gives_up_after_the_cap(
    learner, softmax, django_capture_on_commit_callbacks
):
    now = timezone.now()
    past, future = now - dt.timedelta(seconds=1), now + dt.timedelta(seconds=60)
    lost_message = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="queued", deadline_at=past)
    dead_worker = SubmissionFactory(
        user=learner, exercise=softmax, attempt=2, status="running", delivery_attempts=1, deadline_at=past
    )
    killer = SubmissionFactory(
        user=learner, exercise=softmax, attempt=3, status="running", delivery_attempts=3, deadline_at=past
    )
    busy = SubmissionFactory(
        user=learner, exercise=softmax, attempt=4, status="running", delivery_attempts=1, deadline_at=future
    )
    waiting = SubmissionFactory(user=learner, exercise=softmax, attempt=5, status="queued", deadline_at=future)
    done = SubmissionFactory(user=learner, exercise=softmax, attempt=6, status="failed", deadline_at=past)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        counts = submissions_sweep_stuck(now=now)

    assert counts == {"requeued": 2, "given_up": 1}
    assert len(jobs_only(callbacks)) == 2  # the one given up is announced (config.signals), not enqueued
    for submission in (lost_message, dead_worker, killer, busy, waiting, done):
        submission.refresh_from_db()
    assert lost_message.status == dead_worker.status == "queued"
    assert dead_worker.delivery_attempts == 1
    assert dead_worker.deadline_at == pytest.approx(
        now + dt.timedelta(seconds=QUEUED_GRACE_S), abs=dt.timedelta(seconds=1)
    )
    assert (killer.status, killer.error_code, killer.counts_against_quota) == ("error", "crash", False)
    assert killer.error_message == WORKER_LOST.format(attempts=3)
    assert (busy.status, waiting.status, done.status) == ("running", "queued", "failed")


def test_sweep_with_nothing_stuck_changes_nothing(learner, softmax, django_capture_on_commit_callbacks):
    SubmissionFactory(user=learner, exercise=softmax, attempt=1, deadline_at=timezone.now() + dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert submissions_sweep_stuck() == {"requeued": 0, "given_up": 0}
    assert callbacks == []
