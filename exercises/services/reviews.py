"""Mentor reviews of submissions (verdict, line comments, a score override beside the automatic score)
and mentor sign-off of milestones that ask for it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.services import notification_create
from exercises.models import Exercise, Review, ReviewComment, Submission, SubmissionStatus
from exercises.permissions import can_review_submission, can_sign_off

NOT_YOUR_LEARNER = "Only a mentor of this learner can do this."
REVIEW_NOT_FINAL = "This submission is still being graded; review it once it has a result."
OVERRIDE_REASON_REQUIRED = "Give a reason for the score override."
OVERRIDE_RANGE = "The score override must be between 0 and 1."
REASON_WITHOUT_OVERRIDE = "A reason goes with a score override; set score_override or leave the reason empty."
COMMENT_LINE_RANGE = "Line {line} is outside the code (1..{lines})."
COMMENT_EMPTY = "A line comment needs a body."
REVIEW_EMPTY = "A review of verdict 'comment' needs a body or at least one line comment."
SIGN_OFF_NOT_MENTOR_MILESTONE = "Milestone {slug!r} is completed by {completion}, not by mentor sign-off."
SIGN_OFF_EXERCISES_MISSING = "The learner has not passed every required exercise of this milestone yet: {slugs}."
REVIEW_POSTED = "{mentor} reviewed your submission to {exercise} (attempt {attempt}): {verdict}."


def review_create(
    *,
    mentor: AbstractBaseUser,
    submission: Submission,
    verdict: str,
    body: str = "",
    comments: list[dict[str, Any]] | None = None,
    score_override: float | None = None,
    override_reason: str = "",
) -> Review:
    if not can_review_submission(mentor, submission):
        raise PermissionDenied(NOT_YOUR_LEARNER)
    if not submission.is_final:
        raise ValidationError({"submission": [REVIEW_NOT_FINAL]})
    comments = comments or []
    errors: dict[str, list[str]] = {}
    override_reason = (override_reason or "").strip()
    if score_override is not None:
        if not 0.0 <= float(score_override) <= 1.0:
            errors["score_override"] = [OVERRIDE_RANGE]
        if not override_reason:
            errors["override_reason"] = [OVERRIDE_REASON_REQUIRED]
    elif override_reason:
        errors["override_reason"] = [REASON_WITHOUT_OVERRIDE]
    lines = max(1, len(submission.code.splitlines()))
    comment_errors = []
    for comment in comments:
        line = comment.get("line")
        if line is not None and not 1 <= int(line) <= lines:
            comment_errors.append(COMMENT_LINE_RANGE.format(line=line, lines=lines))
        if not str(comment.get("body") or "").strip():
            comment_errors.append(COMMENT_EMPTY)
    if comment_errors:
        errors["comments"] = comment_errors
    if verdict == Review.Verdict.COMMENT and not body.strip() and not comments:
        errors["body"] = [REVIEW_EMPTY]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        review = Review(
            submission=submission,
            mentor=mentor,
            verdict=verdict,
            body=body,
            score_override=score_override,
            override_reason=override_reason,
        )
        review.full_clean()
        review.save()
        ReviewComment.objects.bulk_create(
            ReviewComment(review=review, line=c.get("line"), body=str(c["body"]).strip()) for c in comments
        )
        notification_create(
            user=submission.user,
            kind="review_posted",
            message=REVIEW_POSTED.format(
                mentor=mentor.get_username(),
                exercise=submission.exercise.title_en,
                attempt=submission.attempt,
                verdict=review.get_verdict_display(),
            ),
            url=f"/api/v1/submissions/{submission.pk}/",
        )
    return review


def sign_off_create(*, mentor: AbstractBaseUser, learner: AbstractBaseUser, milestone: Any) -> Any:
    """A mentor signs off a mentor-completion milestone once its required exercises are passed."""
    from planner.models import Completion

    if not can_sign_off(mentor, learner.pk):
        raise PermissionDenied(NOT_YOUR_LEARNER)
    if milestone.completion != Completion.MENTOR:
        raise ValidationError(
            {"milestone": [SIGN_OFF_NOT_MENTOR_MILESTONE.format(slug=milestone.slug, completion=milestone.completion)]}
        )
    required = Exercise.objects.filter(milestone=milestone, required=True, active=True)
    passed = Submission.objects.filter(user=learner, status=SubmissionStatus.PASSED, exercise__milestone=milestone)
    missing = sorted(required.exclude(id__in=passed.values("exercise_id")).values_list("slug", flat=True))
    if missing:
        raise ValidationError({"milestone": [SIGN_OFF_EXERCISES_MISSING.format(slugs=", ".join(missing))]})
    from planner.services import milestone_sign_off

    return milestone_sign_off(mentor=mentor, learner=learner, milestone=milestone)
