"""Celery tasks of exercises: thin, ids and JSON in, one service call each."""

from __future__ import annotations

from typing import Any

from celery import current_app, shared_task

from exercises.services.grading import (
    submission_grade,
    submission_record_event,
    submission_record_result,
    submissions_sweep_stuck,
)


@shared_task(name="exercises.grade_submission", acks_late=True, reject_on_worker_lost=True)
def grade_submission_task(submission_id: int) -> None:
    # The service owns the state checks: a second delivery of the same id finds the row claimed and returns.
    submission_grade(submission_id=submission_id)


@shared_task(name="exercises.record_result", acks_late=True, reject_on_worker_lost=True)
def record_result_task(job_id: str, result: dict[str, Any]) -> None:
    submission_record_result(job_id=job_id, result=result)


@shared_task(name="exercises.record_event", acks_late=True, reject_on_worker_lost=True)
def record_event_task(job_id: str, event: dict[str, Any]) -> None:
    submission_record_event(job_id=job_id, event=event)


@shared_task(name="exercises.sweep_stuck_submissions", acks_late=True)
def sweep_stuck_submissions_task() -> dict[str, int]:
    return submissions_sweep_stuck()


@shared_task(name="gpu_runner.run_job", acks_late=True, reject_on_worker_lost=True)
def run_gpu_job_task(spec: dict[str, Any]) -> None:
    """The `gpu` queue served by a Django-side worker, for a laptop (`make run` consumes grading,gpu,events).
    Production GPU hosts run `gpu_runner.worker` instead; both report through the `events` queue."""
    from gpu_runner.worker import run_spec

    run_spec(spec, send=lambda name, args: current_app.send_task(name, args=args))
