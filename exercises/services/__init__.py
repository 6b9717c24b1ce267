"""The write side of exercises: submissions, grading orchestration, reviews."""

from exercises.services.artefact_scores import artefact_score
from exercises.services.grading import (
    milestone_evidence_check,
    submission_claim,
    submission_grade,
    submission_record_event,
    submission_record_result,
    submissions_sweep_stuck,
)
from exercises.services.reviews import review_create, review_request
from exercises.services.sign_offs import sign_off_create, sign_off_withdraw
from exercises.services.submissions import QuotaExceeded, quota_get, submission_create

__all__ = [
    "QuotaExceeded",
    "artefact_score",
    "milestone_evidence_check",
    "quota_get",
    "review_create",
    "review_request",
    "sign_off_create",
    "sign_off_withdraw",
    "submission_claim",
    "submission_create",
    "submission_grade",
    "submission_record_event",
    "submission_record_result",
    "submissions_sweep_stuck",
]
