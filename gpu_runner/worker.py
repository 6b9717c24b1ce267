"""The Celery binding for compute hosts: consumes queue `gpu`, reports on queue `events`. No Django.

    CELERY_BROKER_URL=redis://broker:6379/0 celery -A gpu_runner.worker worker -Q gpu -c 1

A GPU host needs this package, the exercise bank and the broker URL, never database credentials: it
sends its progress events and the final JobResult back by task *name* (`exercises.record_event`,
`exercises.record_result`) to the `events` queue, where a Django-side worker records them.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

from gpu_runner import queues
from gpu_runner.spec import JobResult, JobSpec, SpecError


def _import_celery_without_django() -> type:
    """kombu's JSON module imports Django when it happens to be installed (for lazy strings), which would
    pull Django into a runtime that must not have it. Hide Django during that one first import; in a
    process where Django is already loaded (the web side), nothing changes."""
    if "kombu.utils.json" in sys.modules or "django" in sys.modules:
        from celery import Celery

        return Celery
    sys.modules["django"] = None  # type: ignore[assignment]  # makes `import django...` raise ImportError
    try:
        from celery import Celery
        from kombu.utils import json  # noqa: F401 - its optional Django import happens here
    finally:
        del sys.modules["django"]
    return Celery


Celery = _import_celery_without_django()

log = logging.getLogger(__name__)

# The names this worker speaks (gpu_runner.queues): these aliases read as what they are here.
GPU_QUEUE = queues.GPU
EVENTS_QUEUE = queues.EVENTS
RUN_TASK = queues.RUN_JOB
RECORD_EVENT_TASK = queues.RECORD_EVENT
RECORD_RESULT_TASK = queues.RECORD_RESULT
# Redis redelivers an unacknowledged message after this; it must exceed the longest job, or a running
# job is handed to a second worker.
LONGEST_JOB_S = int(os.environ.get("PATHWISE_LONGEST_JOB_S", "3600"))
# Two time limits. The soft one is the job's own (the spec's wall_s): the training loop checks it every step,
# stops cleanly and keeps its curve (error code `timeout`, the learner's configuration was too slow). The hard
# one catches a job stuck where nothing checks (a hung kernel, a deadlock): Celery kills the pool process,
# acknowledges the message (it is not run again) and the main process reports it (`GpuJobTask.on_failure`)
# as `internal`: a job that ignores its own budget is the platform's fault, so no quota is spent.
HARD_LIMIT_S = int(os.environ.get("PATHWISE_GPU_HARD_LIMIT_S", str(LONGEST_JOB_S + 300)))
HARD_LIMIT_REACHED = (
    "The job was stopped after {limit} s, the worker's hard limit, because it no longer kept to its own time "
    "budget. The progress so far is kept."
)


def make_app(broker_url: str | None = None) -> Celery:
    broker = broker_url or os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
    # No fix-ups: Celery's Django fix-up would set Django up whenever DJANGO_SETTINGS_MODULE is in the env.
    # Not the process's "current" app: a Django process that imports run_spec keeps its own app current.
    app = Celery("gpu_runner", broker=broker, fixups=[], set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        # Late ack alone still acks when the pool process is killed; this makes the broker redeliver.
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        result_backend=None,
        task_ignore_result=True,
        task_default_queue=GPU_QUEUE,
        task_routes={
            RUN_TASK: {"queue": GPU_QUEUE},
            RECORD_EVENT_TASK: {"queue": EVENTS_QUEUE},
            RECORD_RESULT_TASK: {"queue": EVENTS_QUEUE},
        },
        broker_transport_options={"visibility_timeout": max(LONGEST_JOB_S + 600, HARD_LIMIT_S + 60)},
        task_time_limit=HARD_LIMIT_S,
        broker_connection_retry_on_startup=True,
    )
    return app


app = make_app()


def run_spec(spec_dict: dict[str, Any], *, send: Any) -> JobResult:
    """Run one job and report it through `send(task_name, args)`: each progress event, then the result."""
    job_id = str(spec_dict.get("job_id", "")) if isinstance(spec_dict, dict) else ""
    try:
        spec = JobSpec.from_dict(spec_dict)
    except (SpecError, AttributeError, ValueError) as exc:
        result = JobResult.failure(job_id or "unknown", "internal", f"The job spec was malformed: {exc}")
        if job_id:
            send(RECORD_RESULT_TASK, [job_id, result.to_dict()])
        return result

    from gpu_runner.run import run_job

    def on_event(event: dict[str, Any]) -> None:
        try:
            send(RECORD_EVENT_TASK, [spec.job_id, dict(event)])
        except Exception:  # a lost progress event must not fail the job
            log.warning("job %s: a progress event could not be sent", spec.job_id, exc_info=True)

    result = run_job(spec, on_event=on_event)
    send(RECORD_RESULT_TASK, [spec.job_id, result.to_dict()])
    return result


def _send(name: str, args: list[Any]) -> None:
    app.send_task(name, args=args, queue=EVENTS_QUEUE)


def report_hard_limit(exc: BaseException, args: Any, *, limit_s: int, send: Any) -> None:
    """A job task's `on_failure`, which Celery calls in the worker's main process after the hard time limit
    killed the pool process running the job: send the job's result, since the job itself never will."""
    from billiard.exceptions import TimeLimitExceeded

    spec = args[0] if args else None
    job_id = str(spec.get("job_id", "")) if isinstance(spec, dict) else ""
    if not isinstance(exc, TimeLimitExceeded) or not job_id:
        return
    result = JobResult.failure(job_id, "internal", HARD_LIMIT_REACHED.format(limit=limit_s))
    try:
        send(RECORD_RESULT_TASK, [job_id, result.to_dict()])
    except Exception:  # the sweep on the web side re-sends the job once its deadline has passed
        log.exception("job %s: the hard-limit result could not be sent", job_id)


class GpuJobTask(app.Task):
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        report_hard_limit(exc, args, limit_s=HARD_LIMIT_S, send=_send)


@app.task(name=RUN_TASK, base=GpuJobTask, acks_late=True, reject_on_worker_lost=True)
def run_job_task(spec_dict: dict[str, Any]) -> None:
    run_spec(spec_dict, send=_send)
