"""The write side of exercises: submissions, grading orchestration, reviews."""

from exercises.services.grading import (
    milestone_evidence_check,
    submission_claim,
    submission_grade,
    submission_record_event,
    submission_record_result,
    submissions_sweep_stuck,
)
from exercises.services.reviews import review_create, sign_off_create
from exercises.services.submissions import QuotaExceeded, quota_get, submission_create

__all__ = [
    "QuotaExceeded",
    "milestone_evidence_check",
    "quota_get",
    "review_create",
    "sign_off_create",
    "submission_claim",
    "submission_create",
    "submission_grade",
    "submission_record_event",
    "submission_record_result",
    "submissions_sweep_stuck",
]
