"""The exercise page: statement, submit (htmx), the live status fragment polled every second until the
result is final, attempt history and diffs between attempts."""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from config.bounds import id_from_text
from config.markdown import render_markdown
from config.pages import or_404
from exercises.feedback import check_display, language
from exercises.models import Exercise, Submission, SubmissionStatus
from exercises.selectors import (
    exercise_get,
    learner_has_mentor,
    queue_position,
    quiz_explanations_visible,
    submission_error_get,
    submission_get,
    submission_list,
)
from exercises.services import QuotaExceeded, quota_get, submission_create
from exercises.views.artefact import artefact_exercise_context
from exercises.views.common import MAX_DIFF_LINES, POLL_SECONDS, error_lines, submission_or_404
from exercises.views.forms import config_fields, payload_from_post, quiz_checks, quiz_questions
from planner.models import ProgressState
from planner.selectors import progress_get


def status_context(submission: Submission, user: Any) -> dict[str, Any]:
    event = submission.events.order_by("-step", "-id").first() if not submission.is_final else None
    percent = None
    if event is not None and event.total:
        percent = min(100, round(100 * event.step / event.total))
    milestone = submission.exercise.milestone
    progress = progress_get(learner_id=submission.user_id, milestone=milestone)
    checks = [check_display(check) for check in submission.checks or [] if isinstance(check, dict)]
    explanations_hidden = False
    if submission.exercise.kind == Exercise.Kind.QUIZ and submission.is_final:
        explanations = quiz_explanations_visible(user=user, submission=submission)
        checks = quiz_checks(submission, explanations=explanations)
        explanations_hidden = bool(checks) and not explanations
    return {
        "submission": submission,
        "exercise": submission.exercise,
        "position": queue_position(submission),
        "event": event,
        "percent": percent,
        # An artefact waiting for its mentor changes only when they score it: nothing to poll for.
        "poll": not submission.is_final and submission.status != SubmissionStatus.REVIEW,
        "awaiting_mentor": submission.status == SubmissionStatus.REVIEW,
        "needs_mentor": submission.status == SubmissionStatus.REVIEW and not learner_has_mentor(user=submission.user),
        "poll_seconds": POLL_SECONDS,
        "checks": checks,
        "explanations_hidden": explanations_hidden,
        "milestone": milestone,
        "milestone_done": progress is not None and progress.state == ProgressState.DONE,
        "own": submission.user_id == user.pk,
        "error": submission_error_get(submission=submission, viewer=user),
    }


def history_context(exercise: Exercise, user: Any) -> dict[str, Any]:
    history = list(submission_list(user=user, exercise=exercise.slug).order_by("-attempt"))
    return {"history": history, "quota": quota_get(user=user, exercise=exercise), "exercise": exercise}


def time_limits(exercise: Exercise) -> dict[str, Any]:
    """The time a learner has: the sandbox's wall limit for code and model exercises, the job's budget
    (loading, training, evaluation) for fine-tuning. A quiz runs no learner code, so it has neither."""
    wall_s = (exercise.limits or {}).get("wall_s") if isinstance(exercise.limits, dict) else None
    if not isinstance(wall_s, int | float) or isinstance(wall_s, bool) or wall_s <= 0:
        return {}
    if exercise.kind in (Exercise.Kind.CODE, Exercise.Kind.MODEL):
        return {"time_limit_s": wall_s}
    if exercise.kind == Exercise.Kind.FINETUNE:
        return {"budget_min": wall_s / 60}
    return {}


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = or_404(exercise_get(slug=slug))
    if not request.user.is_authenticated:
        return exercise_public(request, exercise)
    context = history_context(exercise, request.user)
    last = context["history"][0] if context["history"] else None
    source = exercise.starter
    if last is not None and exercise.kind in (Exercise.Kind.CODE, Exercise.Kind.MODEL) and last.code:
        source = last.code
    progress = progress_get(learner_id=request.user.pk, milestone=exercise.milestone)
    context.update(
        {
            "statement": render_markdown(exercise.statement),
            "source": source,
            "questions": quiz_questions(exercise, (last.payload or {}).get("answers") if last else None),
            "config": config_fields(exercise, (last.payload or {}).get("config") if last else None),
            "metric": exercise.metric,
            "last": last,
            # Locked only means the prerequisites are not done: practice is open and a pass is kept, completing the
            # milestone once they are (planner.services.completion), so the page says that rather than "Locked".
            "prerequisites_pending": progress is not None and progress.state == ProgressState.LOCKED,
            "milestone_state": progress.get_state_display() if progress else None,
            **time_limits(exercise),
        }
    )
    if exercise.kind == Exercise.Kind.ARTEFACT:
        context.update(artefact_exercise_context(exercise, language()))
        context["has_mentor"] = learner_has_mentor(user=request.user)
        context["last_payload"] = last.payload if last is not None else {}
    if last is not None:
        context.update(status_context(last, request.user))
    return render(request, "exercises/exercise.html", context)


def exercise_public(request: HttpRequest, exercise: Exercise) -> HttpResponse:
    """What a visitor reads: the statement, the starter code or the questions, and how to take part (the catalogue
    is public; submitting, quota and history need an account)."""
    context = {
        "exercise": exercise,
        "statement": render_markdown(exercise.statement),
        "questions": quiz_questions(exercise, None),
        "metric": exercise.metric,
        **time_limits(exercise),
    }
    return render(request, "exercises/exercise_public.html", context)


@login_required
@require_POST
def exercise_submit(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = or_404(exercise_get(slug=slug))
    htmx = request.headers.get("HX-Request") == "true"
    errors: list[str] = []
    try:
        submission = submission_create(
            user=request.user, exercise=exercise, payload=payload_from_post(exercise, request)
        )
    except QuotaExceeded as exc:
        errors = [str(exc)]
    except ValidationError as exc:
        errors = error_lines(exc)
    if errors:
        if htmx:
            return render(request, "exercises/_submit_errors.html", {"errors": errors})
        for message in errors:
            messages.error(request, message)
        return redirect("exercise-detail", slug=slug)
    if not htmx:
        return redirect("submission-detail", pk=submission.pk)
    context = status_context(submission, request.user)
    context.update(history_context(exercise, request.user))
    context["oob"] = True
    return render(request, "exercises/_status.html", context)


@login_required
@require_GET
def submission_status(request: HttpRequest, pk: int) -> HttpResponse:
    submission = submission_or_404(request, pk)
    context = status_context(submission, request.user)
    context["on_submission_page"] = request.GET.get("page") == "submission"
    if submission.is_final and context["own"] and not context["on_submission_page"]:
        # The final poll also refreshes the history and quota beside it (out-of-band swaps).
        context.update(history_context(submission.exercise, request.user))
        context["oob"] = True
    response = render(request, "exercises/_status.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _compared_text(submission: Submission) -> str:
    """What two attempts are compared on: the code, or an artefact's link and write-up."""
    if submission.exercise.kind != Exercise.Kind.ARTEFACT:
        return submission.code
    payload = submission.payload or {}
    return "\n".join(part for part in (payload.get("url", ""), payload.get("writeup", "")) if part)


def _diff_rows(a: Submission, b: Submission) -> list[dict[str, str]]:
    left = _compared_text(a).splitlines()[:MAX_DIFF_LINES]
    right = _compared_text(b).splitlines()[:MAX_DIFF_LINES]
    rows = []
    for line in difflib.unified_diff(left, right, f"#{a.attempt}", f"#{b.attempt}", lineterm="", n=3):
        kind = "ctx"
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        rows.append({"kind": kind, "text": line})
    return rows


@login_required
@require_GET
def submission_diff(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = or_404(exercise_get(slug=slug))
    a_id, b_id = id_from_text(request.GET.get("a")), id_from_text(request.GET.get("b"))
    if a_id is None or b_id is None:
        raise Http404
    a = submission_get(user=request.user, submission_id=a_id)
    b = submission_get(user=request.user, submission_id=b_id)
    if a is None or b is None or a.exercise_id != exercise.pk or b.exercise_id != exercise.pk or a.user_id != b.user_id:
        raise Http404
    context = {"a": a, "b": b, "rows": _diff_rows(a, b), "exercise": exercise}
    template = "exercises/_diff.html" if request.headers.get("HX-Request") == "true" else "exercises/diff.html"
    return render(request, template, context)
