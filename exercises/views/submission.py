"""The submission page (result, checks, output, learning curve, runtime facts, reviews with line comments),
the mentor's review form and review queue."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.views import just_now
from exercises.models import Exercise, Review, Submission
from exercises.permissions import can_review_submission
from exercises.selectors import review_queue, submission_get
from exercises.services import review_create
from exercises.views.common import FORM_NOT_A_NUMBER, error_lines
from exercises.views.curve import curve_svg
from exercises.views.exercise import status_context
from exercises.views.forms import quiz_questions
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
    return [{"number": n, "text": text, "comments": by_line.get(n, [])}
            for n, text in enumerate(submission.code.splitlines(), start=1)]


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, submission_id=pk)
    if submission is None:
        raise Http404
    exercise = submission.exercise
    metric_name = (exercise.metric or {}).get("name", "") if isinstance(exercise.metric, dict) else ""
    context = status_context(submission, request.user)
    reviews = list(submission.reviews.all())
    overrides = [r for r in reviews if r.score_override is not None]
    context.update({
        "lines": code_lines(submission),
        "curve": curve_svg(_curve_points(submission), metric_name=metric_name)
        if exercise.kind == Exercise.Kind.FINETUNE else None,
        "metrics": _metric_rows(submission),
        "runtime": labelled_rows(submission.runtime, RUNTIME_LABELS),
        "usage": labelled_rows(submission.usage, USAGE_LABELS),
        "reviews": reviews,
        "override": overrides[-1] if overrides else None,
        "can_review": can_review_submission(request.user, submission) and submission.is_final,
        "verdicts": Review.Verdict.choices,
        "answers": quiz_questions(exercise, (submission.payload or {}).get("answers"))
        if exercise.kind == Exercise.Kind.QUIZ else None,
        "config": json.dumps((submission.payload or {}).get("config"), indent=2, ensure_ascii=False)
        if exercise.kind == Exercise.Kind.FINETUNE else None,
        "comment_rows": range(1, 4),
        "on_submission_page": True,
        "form": {},
    })
    return render(request, "exercises/submission.html", context)


@login_required
@require_POST
def submission_review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_get(user=request.user, submission_id=pk)
    if submission is None or not can_review_submission(request.user, submission):
        raise Http404
    comments = []
    errors: list[str] = []
    for n in range(1, 11):
        body = request.POST.get(f"comment-{n}-body", "").strip()
        line = request.POST.get(f"comment-{n}-line", "").strip()
        if not body and not line:
            continue
        if line and not line.isdigit():
            errors.append(str(FORM_NOT_A_NUMBER % {"value": line}))
            continue
        comments.append({"line": int(line) if line else None, "body": body})
    override_raw = request.POST.get("score_override", "").strip()
    override = None
    if override_raw:
        try:
            override = float(override_raw)
        except ValueError:
            errors.append(str(FORM_NOT_A_NUMBER % {"value": override_raw}))
    verdict = request.POST.get("verdict", "")
    if verdict not in Review.Verdict.values:
        errors.append(_("Choose a verdict."))
    if not errors:
        try:
            review_create(mentor=request.user, submission=submission, verdict=verdict,
                          body=request.POST.get("body", ""), comments=comments, score_override=override,
                          override_reason=request.POST.get("override_reason", ""))
        except PermissionDenied:
            raise Http404 from None
        except ValidationError as exc:
            errors = error_lines(exc)
    if errors:
        for message in errors:
            messages.error(request, message)
    else:
        messages.success(request, _("Review posted."))
    return redirect("submission-detail", pk=submission.pk)


@login_required
def review_queue_page(request: HttpRequest) -> HttpResponse:
    from accounts.permissions import is_mentor

    if not (request.user.is_staff or is_mentor(request.user)):
        raise Http404
    now = timezone.now()
    items = []
    for submission in review_queue(mentor=request.user)[:200]:
        since = submission.finished_at or submission.created_at
        waited = now - since
        items.append({"submission": submission, "waited": waited, "since": since, "just_now": just_now(since),
                      "hours": round(waited.total_seconds() / 3600, 1)})
    return render(request, "exercises/review_queue.html", {"items": items})
