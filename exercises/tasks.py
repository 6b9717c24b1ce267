"""Celery tasks of exercises: thin, ids and JSON in, one service call each."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any

from celery import Task, shared_task
from celery.signals import worker_process_init
from django.conf import settings
from django.db import connection

from config.celery import app as celery_app
from exercises.services.grading import (
    DATABASE_ERRORS,
    submission_grade,
    submission_record_event,
    submission_record_result,
    submissions_sweep_stuck,
)
from exercises.services.leases import LeaseHeld
from gpu_runner import queues

log = logging.getLogger(__name__)


def _retrying_on_database_errors(task: Task, work: Callable[[], object]) -> None:
    """Run `work`; when the database is away, drop the connection and retry the task later (backing off)."""
    try:
        work()
    except DATABASE_ERRORS as exc:
        connection.close()
        raise task.retry(exc=exc, countdown=_backoff(task.request.retries)) from exc


def _backoff(retries: int) -> int:
    return min(30, 2**retries)


@shared_task(bind=True, name=queues.GRADE_SUBMISSION, acks_late=True, reject_on_worker_lost=True, max_retries=100)
def grade_submission_task(self: Task, submission_id: int) -> None:
    # The service owns the state checks: a second delivery of the same id finds the row claimed and returns,
    # or takes it back when the claim's lease says its worker is gone (never the broker's redelivered flag:
    # kombu's filesystem transport does not set it).
    # On a database error nothing was graded yet (a failed write of a result is handed on by the service).
    try:
        _retrying_on_database_errors(self, lambda: submission_grade(submission_id=submission_id))
    except LeaseHeld as exc:
        # Held by a worker on another host: if it died, its lease lapses; look again then.
        raise self.retry(exc=exc, countdown=max(1, round(exc.retry_in))) from exc


@shared_task(bind=True, name=queues.RECORD_RESULT, acks_late=True, reject_on_worker_lost=True, max_retries=40)
def record_result_task(self: Task, job_id: str, result: dict[str, Any]) -> None:
    # The result exists only in this message: keep retrying (about 20 minutes) until the database is back.
    _retrying_on_database_errors(self, lambda: submission_record_result(job_id=job_id, result=result))


@shared_task(bind=True, name=queues.RECORD_EVENT, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def record_event_task(self: Task, job_id: str, event: dict[str, Any]) -> None:
    _retrying_on_database_errors(self, lambda: submission_record_event(job_id=job_id, event=event))


@shared_task(name=queues.SWEEP_STUCK, acks_late=True)
def sweep_stuck_submissions_task() -> dict[str, int]:
    return submissions_sweep_stuck()


def _send_by_name(name: str, args: list[Any]) -> None:
    celery_app.send_task(name, args=args)


class LocalGpuJobTask(Task):
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        from gpu_runner.worker import report_hard_limit

        report_hard_limit(exc, args, limit_s=settings.PATHWISE_GPU_HARD_LIMIT_S, send=_send_by_name)


@shared_task(
    base=LocalGpuJobTask,
    name=queues.RUN_JOB,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.PATHWISE_GPU_HARD_LIMIT_S,
)
def run_gpu_job_task(spec: dict[str, Any]) -> None:
    """The `gpu` queue served by a Django-side worker, for a laptop (`make run` gives it a worker of its own).
    Production GPU hosts run `gpu_runner.worker` instead; both report through the `events` queue, and both
    stop a job stuck past the hard limit (gpu_runner.worker.HARD_LIMIT_S) the same way."""
    from gpu_runner.worker import run_spec

    run_spec(spec, send=_send_by_name)


@worker_process_init.connect
def warm_sandbox_on_process_start(**_: Any) -> None:
    """Start this pool process's sandbox warm parent in the background (opt-in for grading workers).

    Importing scikit-learn in the warm parent takes seconds; doing it here means the first submission does not
    wait for it. A thread, because Celery kills a pool process whose init takes longer than a few seconds.
    """
    if os.environ.get("PATHWISE_SANDBOX_WARM_UP") != "1":
        return
    from gpu_runner.sandbox import warm_up

    def _warm() -> None:
        try:
            warm_up()
        except Exception:  # the first submission will try again and report the failure properly
            log.exception("sandbox warm-up failed")

    threading.Thread(target=_warm, name="sandbox-warm-up", daemon=True).start()
