"""Grading orchestration: claim, build the job spec, run or send it, record the result once.

The database is the source of truth. A task may be delivered twice (late ack, a worker killed mid-job,
the sweep): every step here is a conditional update or runs under a row lock, so a second delivery or
a second result changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone

from config.celery import app as celery_app
from exercises.models import FINAL_STATUSES, Exercise, ProgressEvent, Submission, SubmissionStatus
from exercises.services.submissions import QUEUED_GRACE_S
from gpu_runner.spec import PLATFORM_ERROR_CODES, ExerciseRef, JobError, JobResult, JobSpec, Limits, SpecError

log = logging.getLogger(__name__)

GPU_TASK = "gpu_runner.run_job"
GPU_QUEUE = "gpu"
RECORD_RESULT_TASK = "exercises.record_result"
EVENTS_QUEUE = "events"
# A database that is away (restart, failover, refusing connections): worth retrying, never a verdict.
DATABASE_ERRORS = (OperationalError, InterfaceError)
# Time a worker gets beyond the exercise's wall limit (start-up, imports, recording) before the sweep
# considers the job lost.
RUNNING_MARGIN_S = 120

WORKER_LOST = (
    "The grader stopped {attempts} times while running this submission, so it was not retried again. "
    "This attempt does not count against your quota. If it happens again, look for code that kills its "
    "process (os._exit, signals) or exhausts the machine."
)
MALFORMED_RESULT = "The grading platform returned a malformed result: {error}"
GRADED_MESSAGE = "{exercise}: attempt {attempt} {status}."

_LIMIT_KEYS = ("cpu_s", "wall_s", "memory_mb", "output_kb")


def job_spec_build(submission: Submission) -> JobSpec:
    exercise = submission.exercise
    limits = {key: exercise.limits[key] for key in _LIMIT_KEYS if key in (exercise.limits or {})}
    return JobSpec(
        job_id=str(submission.job_id),
        kind=exercise.kind,
        exercise=ExerciseRef(slug=exercise.slug, sha256=submission.exercise_sha256),
        payload=dict(submission.payload),
        limits=Limits(**limits),
        seed=submission.seed,
        device="auto",
    )


def running_deadline(exercise: Exercise, now: dt.datetime) -> dt.datetime:
    """When the sweep may consider a running job lost.

    Code/model/quiz jobs run right here, so their wall limit plus a margin bounds them. A fine-tuning job
    may first wait in the `gpu` queue behind others; a premature re-send would train it twice, so it gets
    the longest-job allowance (the same one the broker's visibility timeout is sized by).
    """
    wall_s = float((exercise.limits or {}).get("wall_s", Limits().wall_s))
    if exercise.kind == Exercise.Kind.FINETUNE:
        wall_s = max(wall_s, float(settings.PATHWISE_LONGEST_JOB_S))
    return now + dt.timedelta(seconds=wall_s + RUNNING_MARGIN_S)


def submission_claim(*, submission_id: int, redelivered: bool = False) -> Submission | None:
    """queued -> running, once: the conditional update is the lock. None when another delivery has it.

    A `running` row may be claimed again when its worker is gone: its deadline has passed, or this is a
    redelivery (the broker hands a message out again only when its worker was lost: reject on worker
    loss, or the visibility timeout, which is longer than any job).
    """
    now = timezone.now()
    # With what recording the result needs, so it reads nothing again.
    submission = Submission.objects.select_related("exercise__milestone", "user").filter(pk=submission_id).first()
    if submission is None or submission.is_final:
        return None
    deadline = running_deadline(submission.exercise, now)
    attempts = _claim_update(submission_id, now=now, deadline=deadline, redelivered=redelivered)
    if attempts is None:
        return None
    # The columns the claim changed, as written; the rest of the row does not change while it is not final.
    submission.status = SubmissionStatus.RUNNING
    submission.delivery_attempts = attempts
    submission.started_at = now
    submission.deadline_at = deadline
    return submission


# One statement (Django's update() cannot return the new delivery count): the WHERE clause is the claim rule.
_CLAIM_SQL = """
UPDATE {table} SET status = %s, delivery_attempts = delivery_attempts + 1, started_at = %s, deadline_at = %s
WHERE id = %s AND (status = %s OR (status = %s AND (deadline_at < %s OR %s)))
RETURNING delivery_attempts
"""


def _claim_update(submission_id: int, *, now: dt.datetime, deadline: dt.datetime, redelivered: bool) -> int | None:
    """queued, or running past its deadline (any running row on a redelivery) -> running; the new count."""
    sql = _CLAIM_SQL.format(table=connection.ops.quote_name(Submission._meta.db_table))
    params = [SubmissionStatus.RUNNING, now, deadline, submission_id,
              SubmissionStatus.QUEUED, SubmissionStatus.RUNNING, now, redelivered]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def submission_grade(*, submission_id: int, redelivered: bool = False) -> Submission | None:
    """Claim a submission and grade it: code/model/quiz here (learner code runs only in the sandbox),
    fine-tuning on a GPU host through the `gpu` queue (its result comes back through `events`)."""
    submission = submission_claim(submission_id=submission_id, redelivered=redelivered)
    if submission is None:
        return None
    if submission.delivery_attempts > settings.PATHWISE_MAX_ATTEMPTS:
        return submission_give_up(submission=submission, attempts=submission.delivery_attempts - 1)
    spec = job_spec_build(submission)
    if submission.exercise.kind == Exercise.Kind.FINETUNE:
        celery_app.send_task(GPU_TASK, args=[spec.to_dict()], queue=GPU_QUEUE)
        return submission
    from gpu_runner.run import run_job

    result = run_job(spec)
    if result.error is not None and result.error.code == "internal":
        # The job may have run for a while: a connection the server dropped meanwhile is replaced first.
        _reconnect_if_unusable()
        if _retry_later(submission, result.error.message):
            return submission
    try:
        return _record_reconnecting(submission, result.to_dict())
    except DATABASE_ERRORS:
        # The database is away: the result must not be lost with this task. It goes to the broker as an
        # `exercises.record_result` message, whose task retries until the database is back.
        log.warning(
            "submission %s: recording failed, handing the result to the events queue", submission_id, exc_info=True
        )
        connection.close()
        celery_app.send_task(RECORD_RESULT_TASK, args=[spec.job_id, result.to_dict()], queue=EVENTS_QUEUE)
        return None


def _record_reconnecting(submission: Submission, result: dict[str, Any]) -> Submission | None:
    """Record; when the connection fails (the server dropped it during the job: restart, failover), record
    again on a new one. Asking the server first whether the connection is alive would cost a round trip per
    job; a second attempt is safe because recording is exactly-once (a final row is left alone)."""
    job_id = str(submission.job_id)
    try:
        return submission_record_result(job_id=job_id, result=result, submission=submission)
    except DATABASE_ERRORS:
        log.info("job %s: recording failed, retrying on a new connection", job_id, exc_info=True)
        connection.close()
    return submission_record_result(job_id=job_id, result=result, submission=submission)


def _reconnect_if_unusable() -> None:
    if connection.connection is not None and not connection.is_usable():
        connection.close()


def _retry_later(submission: Submission, reason: str) -> bool:
    """A platform failure (a sandbox that died, a broken worker) may be transient: put the submission
    back in the queue while deliveries remain; the last one records the error (which uses no quota)."""
    if submission.delivery_attempts >= settings.PATHWISE_MAX_ATTEMPTS:
        return False
    from exercises.services.submissions import submission_enqueue

    log.warning("submission %s: platform failure, retrying: %s", submission.pk, reason)
    requeued = Submission.objects.filter(
        pk=submission.pk, status=SubmissionStatus.RUNNING, delivery_attempts=submission.delivery_attempts
    ).update(status=SubmissionStatus.QUEUED, deadline_at=timezone.now() + dt.timedelta(seconds=QUEUED_GRACE_S))
    if requeued:
        submission_enqueue(submission_id=submission.pk)
    return bool(requeued)


def submission_give_up(*, submission: Submission, attempts: int) -> Submission | None:
    """A job that killed its worker every time ends `error` after the cap; it never uses quota."""
    message = WORKER_LOST.format(attempts=attempts)
    result = JobResult(job_id=str(submission.job_id), status="error", error=JobError(code="crash", message=message))
    return submission_record_result(
        job_id=str(submission.job_id), result=result.to_dict(), platform_failure=True, submission=submission
    )


def submission_record_result(
    *, job_id: str, result: dict[str, Any], platform_failure: bool = False, submission: Submission | None = None
) -> Submission | None:
    """Record a JobResult once. A result for an unknown or already-final submission is ignored.

    `submission`: the claimed row when the caller holds it (with its exercise, milestone and user), which
    saves reading it again; otherwise it is looked up by `job_id`.
    """
    try:
        parsed = JobResult.from_dict(result)
    except SpecError as exc:
        parsed = JobResult.failure(job_id, "internal", MALFORMED_RESULT.format(error=exc))
    with transaction.atomic():
        if submission is None:
            related = Submission.objects.select_related("exercise__milestone", "user")
            submission = related.filter(job_id=job_id).first()
            if submission is None:
                return None
        fields = _result_fields(parsed, platform_failure=platform_failure)
        # The conditional update is the lock: it holds the row until commit, and of two results for one job
        # only the first finds it unfinished (the second waits for that commit, then matches nothing).
        if not Submission.objects.filter(pk=submission.pk).exclude(status__in=FINAL_STATUSES).update(**fields):
            return None
        for name, value in fields.items():
            setattr(submission, name, value)
        _after_graded(submission)
    return submission


def _result_fields(parsed: JobResult, *, platform_failure: bool) -> dict[str, Any]:
    """The columns a result sets (never the payload, the learner's code)."""
    error = parsed.error
    fields = {
        "status": parsed.status,
        "score": float(parsed.score),
        "checks": [{"name": c.name, "passed": c.passed, "message": c.message} for c in parsed.checks],
        "metrics": parsed.metrics,
        "curve": parsed.curve,
        "stdout_tail": parsed.stdout_tail,
        "stderr_tail": parsed.stderr_tail,
        "usage": parsed.usage,
        "runtime": parsed.runtime,
        "error_code": error.code if error else "",
        "error_message": error.message if error else "",
        "finished_at": timezone.now(),
        "deadline_at": None,
    }
    if platform_failure or (error is not None and error.code in PLATFORM_ERROR_CODES):
        fields["counts_against_quota"] = False
    return fields


def _after_graded(submission: Submission) -> None:
    from accounts.services import notification_create

    exercise = submission.exercise
    notification_create(
        user=submission.user,
        kind="submission_graded",
        message=GRADED_MESSAGE.format(exercise=exercise.title_en, attempt=submission.attempt, status=submission.status),
        url=f"/api/v1/submissions/{submission.pk}/",
    )
    if submission.status == SubmissionStatus.PASSED:
        milestone_evidence_check(user=submission.user, milestone=exercise.milestone)


def milestone_exercises_passed(*, user: Any, milestone: Any) -> bool:
    """True when every required active exercise of the milestone has a passed submission by the user."""
    required = Exercise.objects.filter(milestone=milestone, required=True, active=True)
    if not required.exists():
        return False
    passed = Submission.objects.filter(user=user, status=SubmissionStatus.PASSED, exercise__milestone=milestone)
    return not required.exclude(id__in=passed.values("exercise_id")).exists()


def milestone_evidence_check(*, user: Any, milestone: Any) -> bool:
    """Tell planner when an auto-graded milestone's evidence is complete (True when it did). Mentor
    milestones wait for the mentor's sign-off (`milestone_sign_off`), self-report ones for the learner."""
    from planner.models import Completion, Progress, ProgressState

    if milestone.completion != Completion.AUTO:
        return False
    # Every later pass of a done milestone's exercises would otherwise re-check them and lock the learner
    # for nothing: completing a done milestone changes nothing.
    if Progress.objects.filter(user=user, milestone=milestone, state=ProgressState.DONE).exists():
        return False
    if not milestone_exercises_passed(user=user, milestone=milestone):
        return False
    from planner.services import milestone_complete

    milestone_complete(user=user, milestone=milestone, evidence="auto")
    return True


def submission_record_event(*, job_id: str, event: dict[str, Any]) -> ProgressEvent | None:
    """Store one progress event of a long job; events for final or unknown submissions are dropped."""
    submission = Submission.objects.filter(job_id=job_id).only("id", "status").first()
    if submission is None or submission.is_final:
        return None

    def number(key: str) -> float | None:
        value = event.get(key)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    step = event.get("step")
    total = event.get("total")
    return ProgressEvent.objects.create(
        submission=submission,
        step=max(0, int(step)) if isinstance(step, (int, float)) else 0,
        total=max(0, int(total)) if isinstance(total, (int, float)) else None,
        loss=number("loss"),
        metric=number("metric"),
        samples_per_s=number("samples_per_s"),
        data={k: v for k, v in event.items() if k not in ("step", "total", "loss", "metric", "samples_per_s")},
    )


def submissions_sweep_stuck(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Re-enqueue submissions stuck past their deadline: queued ones whose message was lost, running
    ones whose worker died. A running one that already used every delivery ends `error` instead."""
    from exercises.services.submissions import submission_enqueue

    now = now or timezone.now()
    counts = {"requeued": 0, "given_up": 0}
    stuck = Submission.objects.filter(
        status__in=(SubmissionStatus.QUEUED, SubmissionStatus.RUNNING), deadline_at__lt=now
    ).values_list("id", flat=True)
    for submission_id in list(stuck):
        with transaction.atomic():
            submission = (
                Submission.objects.select_for_update()
                .filter(pk=submission_id, deadline_at__lt=now)
                .exclude(status__in=(SubmissionStatus.PASSED, SubmissionStatus.FAILED, SubmissionStatus.ERROR))
                .first()
            )
            if submission is None:
                continue
            if (
                submission.status == SubmissionStatus.RUNNING
                and submission.delivery_attempts >= settings.PATHWISE_MAX_ATTEMPTS
            ):
                # Recorded after this lock is released: submission_record_result takes its own.
                give_up = True
            else:
                give_up = False
                submission.status = SubmissionStatus.QUEUED
                submission.deadline_at = now + dt.timedelta(seconds=QUEUED_GRACE_S)
                submission.save(update_fields=["status", "deadline_at"])
                submission_enqueue(submission_id=submission.pk)
        if give_up:
            lost = Submission.objects.get(pk=submission_id)
            submission_give_up(submission=lost, attempts=lost.delivery_attempts)
            counts["given_up"] += 1
        else:
            counts["requeued"] += 1
    return counts
