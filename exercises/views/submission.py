"""The submission page (result, checks, output, learning curve, runtime facts, reviews with line comments),
the mentor's review form and review queue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.bounds import max_length
from config.pages import attempt
from exercises.feedback import language
from exercises.models import Exercise, Review, Submission
from exercises.permissions import can_review_submission
from exercises.services import review_create, review_request
from exercises.services.artefact_scores import MAX_COMMENT_CHARS
from exercises.services.reviews import MAX_LINE_COMMENT_CHARS
from exercises.views.artefact import artefact_submission_context
from exercises.views.common import refusal_lines, submission_or_404
from exercises.views.curve import curve_svg
from exercises.views.exercise import status_context
from exercises.views.forms import comment_rows, config_rows, quiz_questions, review_from_post
from exercises.views.labels import RUNTIME_LABELS, USAGE_LABELS, labelled_rows, metric_labels


def _curve_points(submission: Submission) -> list[dict[str, Any]]:
    if submission.curve:
        return list(submission.curve)
    return [{"step": e.step, "loss": e.loss, "eval_metric": e.metric} for e in submission.events.all()]


def _metric_rows(submission: Submission) -> list[tuple[str, Any]]:
    metrics = submission.metrics if isinstance(submission.metrics, dict) else {}
    if submission.exercise.kind == Exercise.Kind.QUIZ:
        # Per-question results (and explanations, for those who may read them) are shown beside each check.
        metrics = {key: value for key, value in metrics.items() if key != "questions"}
    return labelled_rows(metrics, metric_labels(submission.exercise.kind))


def code_lines(submission: Submission) -> list[dict[str, Any]]:
    by_line: dict[int, list[Any]] = {}
    for review in submission.reviews.all():
        for comment in review.comments.all():
            if comment.line:
                by_line.setdefault(comment.line, []).append({"comment": comment, "mentor": review.mentor})
    return [
        {"number": n, "text": text, "comments": by_line.get(n, [])}
        for n, text in enumerate(submission.code.splitlines(), start=1)
    ]


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    return _submission_page(request, submission)


# The form fields' maxlength: the limits the services and the model hold a review to.
FORM_LIMITS = {
    "rubric_comment": MAX_COMMENT_CHARS,
    "line_comment": MAX_LINE_COMMENT_CHARS,
    "override_reason": max_length(Review, "override_reason"),
}


def _submission_page(request: HttpRequest, submission: Submission, *, refused: bool = False) -> HttpResponse:
    """The page; `refused`: a review the mentor posted was refused, so the form shows what they typed (400)."""
    exercise = submission.exercise
    metric_name = (exercise.metric or {}).get("name", "") if isinstance(exercise.metric, dict) else ""
    context = status_context(submission, request.user)
    reviews = list(submission.reviews.all())
    overrides = [r for r in reviews if r.score_override is not None]
    context.update(
        {
            "lines": code_lines(submission),
            "curve": curve_svg(_curve_points(submission), metric_name=metric_name)
            if exercise.kind == Exercise.Kind.FINETUNE
            else None,
            "metrics": _metric_rows(submission),
            "runtime": labelled_rows(submission.runtime, RUNTIME_LABELS),
            "usage": labelled_rows(submission.usage, USAGE_LABELS),
            "reviews": reviews,
            "override": overrides[-1] if overrides else None,
            "can_review": can_review_submission(request.user, submission) and submission.is_final,
            "verdicts": Review.Verdict.choices,
            "answers": quiz_questions(exercise, (submission.payload or {}).get("answers"))
            if exercise.kind == Exercise.Kind.QUIZ
            else None,
            "config": config_rows((submission.payload or {}).get("config"))
            if exercise.kind == Exercise.Kind.FINETUNE
            else None,
            "comment_rows": comment_rows(request if refused else None),
            "posted": request.POST if refused else {},
            "on_submission_page": True,
            "limits": FORM_LIMITS,
            "form": {},
        }
    )
    if exercise.kind == Exercise.Kind.ARTEFACT:
        context.update(artefact_submission_context(request, submission, language()))
        context["can_review"] = False  # an artefact's review is its rubric scores
        context["metrics"] = []  # its totals are in the score card
    return render(request, "exercises/submission.html", context, status=400 if refused else 200)


@login_required
@require_POST
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk, can_review_submission)
    review, errors = review_from_post(request)
    if not errors:
        errors = refusal_lines(lambda: review_create(mentor=request.user, submission=submission, **review))
    if errors:
        for message in errors:
            messages.error(request, message)
        return _submission_page(request, submission, refused=True)
    messages.success(request, _("Review posted."))
    return redirect("submission-detail", pk=submission.pk)


@login_required
@require_POST
def submission_review_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The learner asks their mentors to review this attempt (exercises.services.reviews.review_request)."""
    submission = submission_or_404(request, pk, lambda user, row: row.user_id == user.pk)
    attempt(
        request,
        lambda: review_request(user=request.user, submission=submission),
        success=_("Your mentors will see this attempt in their review queue."),
    )
    return redirect("submission-detail", pk=submission.pk)
