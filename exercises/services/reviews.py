"""Mentor reviews of submissions: a verdict, line comments, a score override beside the automatic score."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notification_create
from config.signals import send_on_commit
from exercises import signals
from exercises.models import Review, ReviewComment, Submission
from exercises.permissions import can_review_submission
from exercises.services.sign_offs import NOT_YOUR_LEARNER

REVIEW_NOT_FINAL = _("This submission is still being graded; review it once it has a result.")
OVERRIDE_REASON_REQUIRED = _("Give a reason for the score override.")
OVERRIDE_RANGE = _("The score override must be between 0 and 1.")
REASON_WITHOUT_OVERRIDE = _("A reason goes with a score override; set score_override or leave the reason empty.")
COMMENT_LINE_RANGE = _("Line %(line)s is outside the code (1..%(lines)s).")
COMMENT_EMPTY = _("A line comment needs a body.")
REVIEW_EMPTY = _("A review of verdict 'comment' needs a body or at least one line comment.")
REVIEW_TOO_LONG = _("The review is %(length)s characters; the limit is %(limit)s.")
COMMENT_TOO_LONG = _("A line comment is %(length)s characters; the limit is %(limit)s.")

# What a mentor may write, whichever way they write it (the page's form or the API; a review or an artefact's scores).
MAX_REVIEW_CHARS = 20_000
MAX_LINE_COMMENT_CHARS = 5_000


def too_long(text: str, limit: int, message: Any) -> list[ValidationError]:
    """`message` (with %(length)s and %(limit)s) when `text` is longer than `limit` characters, else nothing."""
    if len(text) <= limit:
        return []
    return [ValidationError(message, code="too_long", params={"length": len(text), "limit": limit})]


def _override_errors(score_override: float | None, reason: str) -> dict[str, list[ValidationError]]:
    """A score override is between 0 and 1 and comes with a reason; a reason comes only with an override."""
    errors: dict[str, list[ValidationError]] = {}
    if score_override is not None:
        if not 0.0 <= float(score_override) <= 1.0:
            errors["score_override"] = [ValidationError(OVERRIDE_RANGE, code="override_range")]
        if not reason:
            errors["override_reason"] = [ValidationError(OVERRIDE_REASON_REQUIRED, code="override_reason_required")]
    elif reason:
        errors["override_reason"] = [ValidationError(REASON_WITHOUT_OVERRIDE, code="reason_without_override")]
    return errors


def _comment_errors(comments: list[dict[str, Any]], *, lines: int) -> list[ValidationError]:
    """Each line comment names a line of the code (1..lines) and has a body."""
    errors = []
    for comment in comments:
        line = comment.get("line")
        if line is not None and not 1 <= int(line) <= lines:
            params = {"line": line, "lines": lines}
            errors.append(ValidationError(COMMENT_LINE_RANGE, code="comment_line_range", params=params))
        body = str(comment.get("body") or "")
        if not body.strip():
            errors.append(ValidationError(COMMENT_EMPTY, code="comment_empty"))
        errors += too_long(body, MAX_LINE_COMMENT_CHARS, COMMENT_TOO_LONG)
    return errors


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
        raise ValidationError({"submission": ValidationError(REVIEW_NOT_FINAL, code="review_not_final")})
    comments = comments or []
    override_reason = (override_reason or "").strip()
    errors = _override_errors(score_override, override_reason)
    comment_errors = _comment_errors(comments, lines=max(1, len(submission.code.splitlines())))
    if comment_errors:
        errors["comments"] = comment_errors
    if verdict == Review.Verdict.COMMENT and not body.strip() and not comments:
        errors["body"] = [ValidationError(REVIEW_EMPTY, code="review_empty")]
    if body_errors := too_long(body, MAX_REVIEW_CHARS, REVIEW_TOO_LONG):
        errors["body"] = body_errors
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
            user=submission.user, kind=Notification.Kind.REVIEW_POSTED, submission=submission, review=review
        )
        send_on_commit(signals.review_created, sender=Review, review_id=review.pk)
    return review


REVIEW_REQUEST_NOT_FINAL = _("This submission is still being graded; ask for a review once it has a result.")
REVIEW_REQUEST_NOT_YOURS = _("Only the learner who submitted this can ask for its review.")


def review_request(*, user: AbstractBaseUser, submission: Submission) -> Submission:
    """The learner asks their mentors to look at one of their graded attempts: it joins the mentors' review queue
    until someone reviews it. Asking again changes nothing (the first request's time is kept)."""
    if submission.user_id != user.pk:
        raise PermissionDenied(REVIEW_REQUEST_NOT_YOURS)
    if not submission.is_final:
        raise ValidationError(REVIEW_REQUEST_NOT_FINAL, code="not_final")
    # One conditional UPDATE: two clicks (or a page and an API client) record one request, the first.
    Submission.objects.filter(pk=submission.pk, review_requested_at__isnull=True).update(
        review_requested_at=timezone.now()
    )
    submission.refresh_from_db(fields=["review_requested_at"])
    return submission
