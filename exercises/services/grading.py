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
from django.db.models import Q
from django.utils import timezone

from accounts.models import Notification
from accounts.services import notification_create
from config.celery import app as celery_app
from config.signals import send_on_commit
from exercises import signals
from exercises.models import FINAL_STATUSES, GPU_KINDS, Exercise, ProgressEvent, Submission, SubmissionStatus
from exercises.selectors import required_exercise_passes
from exercises.services import leases, regrading
from exercises.services.jobs import job_spec_build, result_fields
from exercises.services.submissions import QUEUED_GRACE_S
from gpu_runner import queues
from gpu_runner.spec import PLATFORM_ERROR_CODES, JobError, JobResult, Limits, SpecError
from planner.models import Completion, Evidence, Progress, ProgressState
from planner.services import milestone_complete

log = logging.getLogger(__name__)

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


def running_deadline(exercise: Exercise, now: dt.datetime) -> dt.datetime:
    """When the sweep may consider a running job lost.

    Code/model/quiz jobs run right here, so their wall limit plus a margin bounds them. A fine-tuning job
    may first wait in the `gpu` queue behind others; a premature re-send would train it twice, so it gets
    the longest-job allowance (the same one the broker's visibility timeout is sized by).
    """
    wall_s = float((exercise.limits or {}).get("wall_s", Limits().wall_s))
    if exercise.kind in GPU_KINDS:
        wall_s = max(wall_s, float(settings.PATHWISE_LONGEST_JOB_S))
    return now + dt.timedelta(seconds=wall_s + RUNNING_MARGIN_S)


def submission_claim(*, submission_id: int) -> Submission | None:
    """queued -> running, once: the conditional update is the lock. None when another delivery has it.

    The claim records a lease (this process, an expiry LEASE_S ahead; a fine-tuning job's holder is the `gpu`
    queue until its deadline). A `running` row is taken back when its worker is gone, whatever the broker says
    about redelivery: its lease or its deadline has passed, or its holder is a process of this host that no
    longer runs. Held by a process this one cannot look up (another host) and not expired: LeaseHeld, so the
    caller looks again when the lease ends (if that holder died, nobody renews it).
    """
    now = timezone.now()
    # With what recording the result needs, so it reads nothing again.
    submission = Submission.objects.select_related("exercise__milestone", "user").filter(pk=submission_id).first()
    if submission is None or submission.is_final:
        return None
    was_running = submission.status == SubmissionStatus.RUNNING
    gone = submission.lease_owner if was_running and leases.holder_gone(submission.lease_owner) else None
    deadline = running_deadline(submission.exercise, now)
    if submission.exercise.kind in GPU_KINDS:
        holder, expires = leases.GPU_QUEUE_HOLDER, deadline
    else:
        holder, expires = leases.process_identity(), leases.lease_expiry(now, deadline)
    attempts = _claim_update(submission_id, now=now, deadline=deadline, holder=holder, expires=expires, gone=gone)
    if attempts is None:
        if was_running and gone is None and _held_elsewhere(submission, now):
            raise leases.LeaseHeld(retry_in=(submission.lease_expires_at - now).total_seconds() + 1)
        return None
    # The columns the claim changed, as written; the rest of the row does not change while it is not final.
    submission.status = SubmissionStatus.RUNNING
    submission.delivery_attempts = attempts
    submission.started_at = now
    submission.deadline_at = deadline
    submission.lease_owner, submission.lease_expires_at = holder, expires
    return submission


def _held_elsewhere(submission: Submission, now: dt.datetime) -> bool:
    """A lease, still running, of a process this one cannot look up. A live holder of this host needs nothing:
    if it dies, its own message comes back (reject on worker loss) and finds it gone."""
    owner, expires = submission.lease_owner, submission.lease_expires_at
    return (
        bool(owner)
        and owner != leases.GPU_QUEUE_HOLDER
        and not leases.holder_is_local(owner)
        and (expires is not None and expires > now)
    )


# One statement (Django's update() cannot return the new delivery count): the WHERE clause is the claim rule.
_CLAIM_SQL = """
UPDATE {table} SET status = %s, delivery_attempts = delivery_attempts + 1, started_at = %s, deadline_at = %s,
    lease_owner = %s, lease_expires_at = %s
WHERE id = %s AND (status = %s OR (status = %s AND (deadline_at < %s OR lease_expires_at < %s OR lease_owner = %s)))
RETURNING delivery_attempts
"""


def _claim_update(
    submission_id: int, *, now: dt.datetime, deadline: dt.datetime, holder: str, expires: dt.datetime, gone: str | None
) -> int | None:
    """queued, or running past its deadline or lease, or held by `gone` -> running under a new lease; the new
    delivery count. `gone` None matches no holder (`= NULL` is never true)."""
    sql = _CLAIM_SQL.format(table=connection.ops.quote_name(Submission._meta.db_table))
    params = [
        SubmissionStatus.RUNNING,
        now,
        deadline,
        holder,
        expires,
        submission_id,
        SubmissionStatus.QUEUED,
        SubmissionStatus.RUNNING,
        now,
        now,
        gone,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def submission_grade(*, submission_id: int) -> Submission | None:
    """Claim a submission and grade it: code/model/quiz here (learner code runs only in the sandbox),
    fine-tuning on a GPU host through the `gpu` queue (its result comes back through `events`).
    Raises leases.LeaseHeld when another host's worker holds it (the task looks again later)."""
    submission = submission_claim(submission_id=submission_id)
    if submission is None:
        return None
    if submission.delivery_attempts > settings.PATHWISE_MAX_ATTEMPTS:
        return submission_give_up(submission=submission, attempts=submission.delivery_attempts - 1)
    spec = job_spec_build(submission)
    if submission.exercise.kind in GPU_KINDS:
        celery_app.send_task(queues.RUN_JOB, args=[spec.to_dict()], queue=queues.GPU)
        return submission
    from gpu_runner.run import run_job

    with leases.lease_kept(submission_id=submission.pk, holder=submission.lease_owner, deadline=submission.deadline_at):
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
        celery_app.send_task(queues.RECORD_RESULT, args=[spec.job_id, result.to_dict()], queue=queues.EVENTS)
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
        submission_enqueue(submission_id=submission.pk, regrade=submission.regrade_of_id is not None)
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
    if parsed.error is not None and parsed.error.code in PLATFORM_ERROR_CODES:
        # The detail is for staff (the admin and this log); a learner reads a plain message.
        log.warning("job %s: platform error %s: %s", job_id, parsed.error.code, parsed.error.message)
    with transaction.atomic():
        if submission is None:
            related = Submission.objects.select_related("exercise__milestone", "user")
            submission = related.filter(job_id=job_id).first()
            if submission is None:
                return None
        fields = result_fields(parsed, platform_failure=platform_failure)
        # The conditional update is the lock: it holds the row until commit, and of two results for one job
        # only the first finds it unfinished (the second waits for that commit, then matches nothing).
        if not Submission.objects.filter(pk=submission.pk).exclude(status__in=FINAL_STATUSES).update(**fields):
            return None
        for name, value in fields.items():
            setattr(submission, name, value)
        _after_graded(submission)
    return submission


def _after_graded(submission: Submission) -> None:
    exercise = submission.exercise
    notification_create(user=submission.user, kind=Notification.Kind.SUBMISSION_GRADED, submission=submission)
    send_on_commit(signals.submission_graded, sender=Submission, submission_id=submission.pk)
    if submission.regrade_of_id is not None:
        regrading.regrade_recorded(submission)
    if submission.status == SubmissionStatus.PASSED:
        milestone_evidence_check(user=submission.user, milestone=exercise.milestone)


def milestone_evidence_check(*, user: Any, milestone: Any) -> bool:
    """Tell planner when an auto-graded milestone's evidence is complete (True when it did); planner completes it,
    or keeps the evidence until its prerequisites are done or skipped. Mentor milestones wait for the mentor's
    sign-off (exercises.services.sign_offs), self-report ones for the learner."""
    if milestone.completion != Completion.AUTO:
        return False
    # Every later pass of a done milestone's exercises would otherwise re-check them and lock the learner
    # for nothing: completing a done milestone changes nothing.
    # The same statement reads whether it is in review (a re-grade failed it): a new pass may settle that.
    done = Progress.objects.filter(user=user, milestone=milestone, state=ProgressState.DONE).values("review_reason")
    if (row := done.first()) is not None:
        if row["review_reason"]:
            regrading.evidence_review_settle(user=user, milestone=milestone)
        return False
    passes = required_exercise_passes(user=user, milestone=milestone)
    if not passes or not all(passes.values()):
        return False
    milestone_complete(user=user, milestone=milestone, evidence=Evidence.AUTO)
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


def _stuck(now: dt.datetime) -> Q:
    """Queued past the grace period (a lost message); running past the deadline or with a lapsed lease (its
    worker died: nobody renews the lease)."""
    return Q(status__in=(SubmissionStatus.QUEUED, SubmissionStatus.RUNNING), deadline_at__lt=now) | Q(
        status=SubmissionStatus.RUNNING, lease_expires_at__lt=now
    )


def submissions_sweep_stuck(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Re-enqueue submissions stuck past their deadline: queued ones whose message was lost, running
    ones whose worker died. A running one that already used every delivery ends `error` instead."""
    from exercises.services.submissions import submission_enqueue

    now = now or timezone.now()
    counts = {"requeued": 0, "given_up": 0}
    stuck = Submission.objects.filter(_stuck(now)).values_list("id", flat=True)
    for submission_id in list(stuck):
        with transaction.atomic():
            submission = (
                Submission.objects.select_for_update()
                .filter(_stuck(now), pk=submission_id)
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
                submission_enqueue(submission_id=submission.pk, regrade=submission.regrade_of_id is not None)
        if give_up:
            lost = Submission.objects.get(pk=submission_id)
            submission_give_up(submission=lost, attempts=lost.delivery_attempts)
            counts["given_up"] += 1
        else:
            counts["requeued"] += 1
    return counts
