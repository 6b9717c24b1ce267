import datetime as dt
import subprocess
import sys
import uuid

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.models import Notification
from config.signals import jobs_only
from exercises.models import ProgressEvent, Submission
from exercises.services import (
    submission_claim,
    submission_grade,
    submission_record_event,
    submission_record_result,
)
from exercises.services.grading import MALFORMED_RESULT, RUNNING_MARGIN_S, WORKER_LOST, job_spec_build
from gpu_runner.spec import JobResult
from tests.exercises.services.test_leases import claimed, holder_of
from tests.factories import SubmissionFactory


def passed_result(job_id, score=1.0, **extra) -> dict:
    return {"job_id": str(job_id), "status": "passed", "score": score, **extra}


def error_result(job_id, code: str, message: str = "boom") -> dict:
    return {"job_id": str(job_id), "status": "error", "score": 0.0, "error": {"code": code, "message": message}}


def test_claim_moves_queued_to_running_once(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1)

    first = submission_claim(submission_id=submission.pk)
    second = submission_claim(submission_id=submission.pk)

    assert second is None
    assert (first.status, first.delivery_attempts) == ("running", 1)
    wall = softmax.limits["wall_s"]
    assert first.deadline_at == pytest.approx(
        timezone.now() + dt.timedelta(seconds=wall + RUNNING_MARGIN_S), abs=dt.timedelta(seconds=5)
    )
    submission.refresh_from_db()
    assert (submission.status, submission.delivery_attempts) == ("running", 1)


def test_claim_takes_back_a_running_submission_whose_deadline_passed(learner, softmax):
    submission = claimed(learner, softmax, seconds_left=-1)
    alive = claimed(learner, softmax, attempt=2, seconds_left=60)

    assert submission_claim(submission_id=submission.pk).delivery_attempts == 2
    assert submission_claim(submission_id=alive.pk) is None


def test_a_message_for_a_running_submission_whose_worker_is_gone_takes_it_back_before_its_deadline(learner, softmax):
    # Whatever the broker says about redelivery (kombu's filesystem transport never says it): the claim's lease
    # names a process of this host that no longer runs. tests/exercises/services/test_leases.py has the rest.
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    holder = holder_of(dead.pid)
    dead.wait()
    submission = claimed(
        learner,
        softmax,
        seconds_left=60,
        lease_owner=holder,
        lease_expires_at=timezone.now() + dt.timedelta(seconds=30),
    )
    assert submission_claim(submission_id=submission.pk).delivery_attempts == 2
    assert submission_claim(submission_id=submission.pk) is None  # now held by this live process
    final = SubmissionFactory(user=learner, exercise=softmax, attempt=2, status="passed", lease_owner=holder)
    assert submission_claim(submission_id=final.pk) is None


def test_claim_ignores_final_and_missing_submissions(learner, softmax):
    final = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="passed")
    assert submission_claim(submission_id=final.pk) is None
    assert submission_claim(submission_id=final.pk + 1000) is None
    final.refresh_from_db()
    assert final.delivery_attempts == 0


def test_job_spec_carries_the_submission_hash_seed_limits_and_payload(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, seed=12345)
    spec = job_spec_build(submission)
    assert spec.to_dict() == {
        "schema_version": 1,
        "job_id": str(submission.job_id),
        "kind": "code",
        "exercise": {"slug": "softmax", "sha256": softmax.sha256},
        "payload": submission.payload,
        "limits": {"cpu_s": 5, "wall_s": 10, "memory_mb": 512, "output_kb": 256},
        "seed": 12345,
        "device": "auto",
    }


def test_result_is_recorded_once_and_later_results_are_ignored(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="running")
    checks = [{"name": "small", "passed": True, "message": ""}]
    recorded = submission_record_result(
        job_id=str(submission.job_id),
        result=passed_result(submission.job_id, checks=checks, usage={"wall_s": 0.5}, stdout_tail="hi"),
    )
    again = submission_record_result(job_id=str(submission.job_id), result=error_result(submission.job_id, "timeout"))

    assert again is None
    submission.refresh_from_db()
    assert recorded.pk == submission.pk
    assert (submission.status, submission.score, submission.error_code) == ("passed", 1.0, "")
    assert submission.checks == checks
    assert submission.usage == {"wall_s": 0.5}
    assert submission.stdout_tail == "hi"
    assert submission.finished_at is not None
    assert submission.deadline_at is None
    assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 1


def test_result_for_an_unknown_job_is_ignored(db):
    assert submission_record_result(job_id=str(uuid.uuid4()), result=passed_result("x")) is None


@pytest.mark.parametrize(
    ("code", "counts"),
    [("internal", False), ("bank_mismatch", False), ("timeout", True), ("syntax", True), ("crash", True)],
)
def test_only_learner_errors_count_against_quota(learner, softmax, code, counts):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="running")
    submission_record_result(job_id=str(submission.job_id), result=error_result(submission.job_id, code, "m"))
    submission.refresh_from_db()
    assert (submission.status, submission.error_code, submission.error_message) == ("error", code, "m")
    assert submission.counts_against_quota is counts


def test_malformed_result_is_recorded_as_a_platform_error(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="running")
    submission_record_result(job_id=str(submission.job_id), result={"job_id": "x", "status": "great"})
    submission.refresh_from_db()
    assert submission.error_code == "internal"
    expected = JobResult.failure("x", "internal", MALFORMED_RESULT.format(error="unknown status 'great'"))
    assert submission.error_message == expected.error.message
    assert submission.counts_against_quota is False


@override_settings(PATHWISE_MAX_ATTEMPTS=3)
def test_a_submission_past_the_attempt_cap_ends_error_without_using_quota(learner, softmax):
    # Three deliveries already started and their worker died each time; this is the fourth.
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="queued", delivery_attempts=3)

    result = submission_grade(submission_id=submission.pk)

    assert result.pk == submission.pk
    submission.refresh_from_db()
    assert (submission.status, submission.error_code, submission.delivery_attempts) == ("error", "crash", 4)
    assert submission.error_message == WORKER_LOST.format(attempts=3)
    assert submission.counts_against_quota is False


def test_grade_of_a_claimed_submission_does_nothing(learner, softmax):
    submission = claimed(learner, softmax, seconds_left=60)
    assert submission_grade(submission_id=submission.pk) is None
    submission.refresh_from_db()
    assert (submission.status, submission.delivery_attempts) == ("running", 1)


def test_grade_with_a_stale_exercise_hash_is_a_platform_error(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, exercise_sha256="f" * 64)
    graded = submission_grade(submission_id=submission.pk)
    assert (graded.status, graded.error_code, graded.counts_against_quota) == ("error", "bank_mismatch", False)


def test_progress_events_are_stored_until_the_submission_is_final(learner, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="running")
    job_id = str(submission.job_id)
    submission_record_event(job_id=job_id, event={"step": 1, "total": 10, "loss": 0.9, "epoch": 1})
    submission_record_event(job_id=job_id, event={"step": 2, "total": 10, "loss": 0.7, "metric": 0.5})
    submission_record_result(job_id=job_id, result=passed_result(job_id))
    assert submission_record_event(job_id=job_id, event={"step": 3, "total": 10}) is None
    assert list(ProgressEvent.objects.values_list("step", "total", "loss", "metric", "data")) == [
        (1, 10, 0.9, None, {"epoch": 1}),
        (2, 10, 0.7, 0.5, {}),
    ]
    assert Submission.objects.get(pk=submission.pk).events.count() == 2


@override_settings(PATHWISE_MAX_ATTEMPTS=2)
def test_an_internal_platform_error_is_retried_until_the_cap_then_recorded(
    learner, bank_exercise, django_capture_on_commit_callbacks
):
    # The row says `model`, the bank says `code`: run_job reports `internal` (a platform fault).
    exercise = bank_exercise("softmax", kind="model")
    submission = SubmissionFactory(user=learner, exercise=exercise, attempt=1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert (submission.status, submission.delivery_attempts, len(callbacks)) == ("queued", 1, 1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert (submission.status, submission.error_code, submission.delivery_attempts) == ("error", "internal", 2)
    assert submission.counts_against_quota is False
    assert jobs_only(callbacks) == []  # no job; only the announcement of the result (config.signals)
