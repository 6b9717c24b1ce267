"""A mentor scores an artefact against its rubric: each criterion's points (bounded by the criterion) and a comment.

The total against the rubric's pass mark is the submission's verdict (passed/failed, score = total / maximum). A
pass is the mentor's evidence for the milestone: once every required exercise of the milestone has passed, it
completes with evidence `mentor` through planner's completion service, which keeps the evidence while the
milestone is locked and completes it on its own once the prerequisites are done or skipped.
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notification_create
from exercises.models import Exercise, Review, Submission, SubmissionStatus
from exercises.permissions import can_score_artefact
from exercises.selectors import required_exercise_passes
from exercises.services.reviews import MAX_REVIEW_CHARS, REVIEW_TOO_LONG, too_long
from planner.models import Evidence
from planner.services import milestone_complete

NOT_THEIR_MENTOR = _("Only a mentor of this learner (or staff) can score this artefact.")
NOT_AN_ARTEFACT = _("Only an artefact exercise is scored against a rubric.")
ALREADY_SCORED = _("This artefact has been scored already; the learner can submit a new attempt.")
UNKNOWN_CRITERIA = _("Unknown criterion id(s): %(ids)s.")
CRITERION_MISSING = _("Score every criterion; missing: %(ids)s.")
CRITERION_TWICE = _("Criterion %(id)s is scored twice.")
POINTS_RANGE = _("Criterion %(id)s: points must be a number from 0 to %(max)s, got %(value)s.")
COMMENT_TOO_LONG = _("Criterion %(id)s: the comment is %(length)s characters; the limit is %(limit)s.")

MAX_COMMENT_CHARS = 4000


def rubric_of(exercise: Exercise) -> dict[str, Any]:
    return (exercise.public or {}).get("rubric") or {}


def _points_ok(value: Any, limit: int) -> bool:
    number = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    return number and 0 <= value <= limit


def rubric_scores_clean(*, rubric: dict[str, Any], scores: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{criterion, points, comment}] -> [{criterion, points, max, comment}] in the rubric's order, or every problem
    as a ValidationError on `scores`."""
    criteria = {c["id"]: c for c in rubric.get("criteria", [])}
    errors: list[ValidationError] = []
    given: dict[str, dict[str, Any]] = {}
    for score in scores:
        cid = str(score.get("criterion", ""))
        if cid in given:
            errors.append(ValidationError(CRITERION_TWICE, code="criterion_twice", params={"id": cid}))
        given[cid] = score
    unknown = sorted(set(given) - set(criteria))
    if unknown:
        params = {"ids": ", ".join(unknown)}
        errors.append(ValidationError(UNKNOWN_CRITERIA, code="unknown_criteria", params=params))
    missing = [cid for cid in criteria if cid not in given]
    if missing:
        errors.append(ValidationError(CRITERION_MISSING, code="criterion_missing", params={"ids": ", ".join(missing)}))
    rows = []
    for cid, criterion in criteria.items():
        score = given.get(cid)
        if score is None:
            continue
        points, comment = score.get("points"), str(score.get("comment") or "").strip()
        if not _points_ok(points, criterion["points"]):
            params = {"id": cid, "max": criterion["points"], "value": points}
            errors.append(ValidationError(POINTS_RANGE, code="points_range", params=params))
        if len(comment) > MAX_COMMENT_CHARS:
            params = {"id": cid, "length": len(comment), "limit": MAX_COMMENT_CHARS}
            errors.append(ValidationError(COMMENT_TOO_LONG, code="comment_too_long", params=params))
        rows.append({"criterion": cid, "points": points, "max": criterion["points"], "comment": comment})
    if errors:
        raise ValidationError({"scores": errors})
    return rows


def artefact_score(
    *, mentor: AbstractBaseUser, submission: Submission, scores: list[dict[str, Any]], body: str = ""
) -> Review:
    """Record the mentor's rubric scores: a Review (approve on a pass, request changes otherwise) and the
    submission's verdict; a pass completes the milestone with mentor evidence. Raises PermissionDenied for anyone
    but the learner's mentor or staff, ValidationError for scores that do not fit the rubric or a scored artefact."""
    if not can_score_artefact(mentor, submission):
        raise PermissionDenied(NOT_THEIR_MENTOR)
    if submission.exercise.kind != Exercise.Kind.ARTEFACT:
        raise ValidationError({"submission": ValidationError(NOT_AN_ARTEFACT, code="not_an_artefact")})
    if body_errors := too_long(body, MAX_REVIEW_CHARS, REVIEW_TOO_LONG):
        raise ValidationError({"body": body_errors})
    rubric = rubric_of(submission.exercise)
    rows = rubric_scores_clean(rubric=rubric, scores=scores)
    total = sum(row["points"] for row in rows)
    passed = total >= rubric["pass_mark"]
    with transaction.atomic():
        # Two mentors scoring at once: the second waits on the row, then finds it scored.
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != SubmissionStatus.REVIEW:
            raise ValidationError({"submission": ValidationError(ALREADY_SCORED, code="already_scored")})
        review = Review.objects.create(
            submission=locked,
            mentor=mentor,
            verdict=Review.Verdict.APPROVE if passed else Review.Verdict.REQUEST_CHANGES,
            body=body.strip(),
            rubric=rows,
        )
        locked.status = SubmissionStatus.PASSED if passed else SubmissionStatus.FAILED
        locked.score = total / rubric["total"]
        locked.metrics = {"rubric_total": total, "rubric_max": rubric["total"], "pass_mark": rubric["pass_mark"]}
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "score", "metrics", "finished_at"])
        notification_create(user=locked.user, kind=Notification.Kind.REVIEW_POSTED, submission=locked, review=review)
        if passed:
            _complete_milestone(locked)
    submission.refresh_from_db()
    return review


def _complete_milestone(submission: Submission) -> None:
    """Once every required exercise of the milestone has passed, the mentor's pass is the milestone's evidence."""
    milestone = submission.exercise.milestone
    passes = required_exercise_passes(user=submission.user, milestone=milestone)
    if passes and all(passes.values()):
        milestone_complete(user=submission.user, milestone=milestone, evidence=Evidence.MENTOR)
