"""The entry point: JobSpec in, JobResult out, never an exception.

`run_job` checks that this worker's copy of the exercise is the one the web side meant (by content
hash), then hands the job to `gpu_runner.graders.<kind>`, imported only when a job of that kind
arrives (so torch is imported only by fine-tuning jobs). Whatever goes wrong inside becomes a result
with error code `internal`, which never counts against the learner.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import logging
import platform
import re
import resource
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from gpu_runner.bank import Bank, BankError, UnknownExercise
from gpu_runner.spec import JobResult, JobSpec

log = logging.getLogger(__name__)

UNKNOWN_EXERCISE = "This worker's exercise bank has no exercise {slug!r}."
HASH_MISMATCH = "Exercise {slug!r}: the job expects version {expected}, this worker has {actual}."
KIND_MISMATCH = "Exercise {slug!r} is of kind {actual!r}, but the job says {expected!r}."
BROKEN_EXERCISE = "Exercise {slug!r} is malformed on this worker; the worker's log has the details (job {job_id})."
NO_GRADER = "This worker has no grader for kind {kind!r}."
GRADER_FAILED = "The grader failed ({error}); the worker's log has the details (job {job_id})."
# An absolute path in a platform error's text: the worker's own layout, never shown to a learner.
HOST_PATH = re.compile(r"(?<![\w.])/(?:[\w.+@-]+/)*[\w.+@-]+")


def run_job(
    spec: JobSpec,
    *,
    bank: Bank | None = None,
    on_event: Callable[[dict[str, Any]], None] | None = None,
) -> JobResult:
    started = time.monotonic()
    cpu_started = _cpu_seconds()
    try:
        result = _grade(spec, bank, on_event)
    except Exception as exc:  # the contract: never raise, report `internal`
        # The traceback is for staff, in the log; the learner's result says only that it happened, and where to look.
        log.exception("job %s failed inside the grader", spec.job_id)
        detail = GRADER_FAILED.format(error=type(exc).__name__, job_id=spec.job_id)
        result = JobResult.failure(spec.job_id, "internal", detail)
    result = _without_host_paths(result)
    usage = dict(result.usage)
    usage["wall_s"] = round(time.monotonic() - started, 4)
    # Sandboxed graders report the learner's CPU time; the others are measured here in the worker.
    usage.setdefault("cpu_s", round(_cpu_seconds() - cpu_started, 4))
    runtime = {**runtime_info(), **result.runtime}
    return replace(result, job_id=spec.job_id, usage=usage, runtime=runtime)


def _grade(spec: JobSpec, bank: Bank | None, on_event: Callable[[dict[str, Any]], None] | None) -> JobResult:
    slug = spec.exercise.slug
    try:
        bank = bank if bank is not None else Bank.default()
        exercise = bank.get(slug)
    except UnknownExercise:
        return JobResult.failure(spec.job_id, "bank_mismatch", UNKNOWN_EXERCISE.format(slug=slug))
    except BankError:
        log.exception("job %s: exercise %r is malformed on this worker", spec.job_id, slug)
        return JobResult.failure(spec.job_id, "internal", BROKEN_EXERCISE.format(slug=slug, job_id=spec.job_id))
    if exercise.sha256 != spec.exercise.sha256:
        detail = HASH_MISMATCH.format(slug=slug, expected=spec.exercise.sha256[:12], actual=exercise.sha256[:12])
        return JobResult.failure(spec.job_id, "bank_mismatch", detail)
    if exercise.kind != spec.kind:
        return JobResult.failure(
            spec.job_id, "internal", KIND_MISMATCH.format(slug=slug, actual=exercise.kind, expected=spec.kind)
        )
    try:
        grader = importlib.import_module(f"gpu_runner.graders.{spec.kind}")
    except ModuleNotFoundError as exc:
        if exc.name != f"gpu_runner.graders.{spec.kind}":
            raise
        return JobResult.failure(spec.job_id, "internal", NO_GRADER.format(kind=spec.kind))
    return grader.run(spec, exercise, on_event=on_event)


def _without_host_paths(result: JobResult) -> JobResult:
    """A platform error's text with the worker's paths taken out (they stay in the log, for staff)."""
    error = result.error
    if error is None or error.code != "internal" or not HOST_PATH.search(error.message):
        return result
    log.warning("job %s: internal error: %s", result.job_id, error.message)
    return replace(result, error=replace(error, message=HOST_PATH.sub("<path>", error.message)))


def runtime_info() -> dict[str, Any]:
    """Where and with what a job ran. torch/transformers only when a grader already imported them."""
    info: dict[str, Any] = {
        "host": socket.gethostname(),
        "device": "cpu",
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "sklearn": _version("scikit-learn"),
    }
    for module, dist in (("torch", "torch"), ("transformers", "transformers")):
        if module in sys.modules:
            info[module] = getattr(sys.modules[module], "__version__", None) or _version(dist)
    return info


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
