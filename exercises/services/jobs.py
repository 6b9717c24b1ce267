"""The two ends of a job as the database sees them: the spec built from a submission, the columns a result sets."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from exercises.models import RANKED_KINDS, Submission
from gpu_runner.leaderboard import split_key
from gpu_runner.spec import PLATFORM_ERROR_CODES, ExerciseRef, JobResult, JobSpec, Limits

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
        split_key=split_key(settings.PATHWISE_LEADERBOARD_SEED, exercise.slug) if exercise.kind in RANKED_KINDS else "",
    )


def result_fields(parsed: JobResult, *, platform_failure: bool) -> dict[str, Any]:
    """The columns a result sets (never the payload, the learner's code)."""
    error = parsed.error
    # The private part's score leaves `metrics` here, so nothing that shows metrics (API, pages, export, admin) can
    # reveal it before a leaderboard closes; both parts get their own columns.
    metrics, public, private = parsed.metrics, None, None
    if isinstance(metrics, dict):
        metrics = dict(metrics)
        public = _part_score(metrics.pop("public_score", None))
        private = _part_score(metrics.pop("private_score", None))
    fields = {
        "status": parsed.status,
        "score": float(parsed.score),
        "checks": [check.to_dict() for check in parsed.checks],
        "metrics": metrics,
        "public_score": public if private is not None else None,
        "private_score": private if public is not None else None,
        "curve": parsed.curve,
        "stdout_tail": parsed.stdout_tail,
        "stderr_tail": parsed.stderr_tail,
        "usage": parsed.usage,
        "runtime": parsed.runtime,
        "error_code": error.code if error else "",
        "error_message": error.message if error else "",
        "error_i18n": error.message_i18n if error else None,
        "finished_at": timezone.now(),
        "deadline_at": None,
        "lease_expires_at": None,
    }
    if platform_failure or (error is not None and error.code in PLATFORM_ERROR_CODES):
        fields["counts_against_quota"] = False
    return fields


def _part_score(value: Any) -> float | None:
    """A leaderboard part's score as reported, or None when it is not a finite number within 0..1."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        return None
    return float(value)
