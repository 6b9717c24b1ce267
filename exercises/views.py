"""Server-rendered exercise pages: the statement and a submit form per kind, live grading status (htmx polls a
fragment every second until the result is final), attempt history with diffs, the submission page with its
checks, learning curve, runtime facts and reviews, and the mentor's review queue and review form.

Rules live in exercises.services / exercises.permissions; a submission someone may not see is a 404.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from typing import Any

import markdown
import nh3
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from exercises.models import Exercise, Review, Submission, SubmissionStatus
from exercises.permissions import can_review_submission
from exercises.selectors import exercise_get, review_queue, submission_get, submission_list
from exercises.services import QuotaExceeded, quota_get, review_create, submission_create
from exercises.services import reviews as review_service
from exercises.services import submissions as submission_service
from planner.models import Progress, ProgressState
from planner.views import translate

POLL_SECONDS = 1
MAX_DIFF_LINES = 2000

SERVICE_MESSAGES = {
    submission_service.SOURCE_EMPTY: gettext_lazy("Your code is empty."),
    submission_service.SOURCE_REQUIRED: gettext_lazy("Paste your code or upload a file."),
    submission_service.SOURCE_NOT_UTF8: gettext_lazy(
        "Your file is not UTF-8 text. Save it as UTF-8 and upload it again."),
    submission_service.EXERCISE_INACTIVE: gettext_lazy("This exercise is not open for submissions."),
    review_service.OVERRIDE_REASON_REQUIRED: gettext_lazy("Give a reason for the score override."),
    review_service.OVERRIDE_RANGE: gettext_lazy("The score override must be between 0 and 1."),
    review_service.REASON_WITHOUT_OVERRIDE: gettext_lazy(
        "A reason goes with a score override; set a score override or leave the reason empty."),
    review_service.COMMENT_EMPTY: gettext_lazy("A line comment needs a body."),
    review_service.REVIEW_EMPTY: gettext_lazy("A comment review needs a body or at least one line comment."),
    review_service.REVIEW_NOT_FINAL: gettext_lazy(
        "This submission is still being graded; review it once it has a result."),
    review_service.COMMENT_LINE_RANGE: gettext_lazy("Line %(line)s is outside the code (1..%(lines)s)."),
    review_service.SIGN_OFF_EXERCISES_MISSING: gettext_lazy(
        "The learner has not passed every required exercise of this milestone yet: %(slugs)s."),
    review_service.SIGN_OFF_NOT_MENTOR_MILESTONE: gettext_lazy(
        "Milestone %(slug)s is completed by %(completion)s, not by mentor sign-off."),
    submission_service.SOURCE_TOO_LARGE: gettext_lazy("Your code is %(size)s bytes; the limit is %(limit)s bytes."),
    submission_service.UNKNOWN_QUESTIONS: gettext_lazy("Unknown question id(s): %(ids)s."),
}
FORM_NOT_A_NUMBER = gettext_lazy("“%(value)s” is not a number.")


def is_zh() -> bool:
    return (get_language() or "en").startswith("zh")


def pick(text: Any) -> str:
    """A bilingual {en, zh} value (or plain text) in the active language."""
    if isinstance(text, dict):
        return str(text.get("zh") if is_zh() and text.get("zh") else text.get("en", ""))
    return "" if text is None else str(text)


def error_lines(exc: ValidationError) -> list[str]:
    return [translate(m, SERVICE_MESSAGES) for m in exc.messages]


# --- Markdown ------------------------------------------------------------------------------------

_MATH = re.compile(r"(?<![\\$])(\$\$[^$]+?\$\$|\$[^$\n]+?\$)")
_FENCE = re.compile(r"(```.*?```|`[^`\n]+`)", re.S)
_LEADING_H1 = re.compile(r"\A\s*# [^\n]*\n")
# Bank statements nest lists CommonMark-style (2-3 spaces); python-markdown nests at 4.
_LIST_INDENT = re.compile(r"^( {2,7})(?=(?:[-*+]|\d+\.) )", re.M)


def _four_spaces(match: re.Match[str]) -> str:
    return " " * (4 * math.ceil(len(match.group(1)) / 4))


ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "code": {"class"}, "span": {"class"}, "th": {"align"},
                      "td": {"align"}}


def render_markdown(text: str) -> SafeString:
    """Markdown -> sanitised HTML. TeX between $...$ is kept verbatim in a <code class="math"> (readable,
    no CDN, and Markdown cannot mangle its underscores and asterisks)."""
    formulas: list[str] = []

    def stash(match: re.Match[str]) -> str:
        formulas.append(match.group(0))
        return f"\x00MATH{len(formulas) - 1}\x00"

    text = _LEADING_H1.sub("", text, count=1)  # the page shows the title itself
    # Code spans and fences are left alone: a `$` inside code is code.
    parts = _FENCE.split(text)
    parts = [part if i % 2 else _LIST_INDENT.sub(_four_spaces, part) for i, part in enumerate(parts)]
    protected = "".join(part if i % 2 else _MATH.sub(stash, part) for i, part in enumerate(parts))
    html = markdown.markdown(protected, extensions=["fenced_code", "tables", "sane_lists"])

    def restore(match: re.Match[str]) -> str:
        tex = formulas[int(match.group(1))]
        block = tex.startswith("$$")
        body = escape(tex.strip("$").strip())
        return f'<code class="math{" display" if block else ""}">{body}</code>'

    html = re.sub(r"\x00MATH(\d+)\x00", restore, html)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer",
                      url_schemes={"http", "https", "mailto"})
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


# --- forms per kind ------------------------------------------------------------------------------


def quiz_questions(exercise: Exercise, answers: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    answers = answers or {}
    out = []
    for q in (exercise.public or {}).get("questions", []):
        given = answers.get(q.get("id"))
        options = [{"id": o["id"], "text": pick(o.get("text")),
                    "checked": (given == o["id"]) or (isinstance(given, list) and o["id"] in given)}
                   for o in q.get("options", [])]
        out.append({"id": q.get("id"), "type": q.get("type"), "prompt": render_markdown(pick(q.get("prompt"))),
                    "options": options, "value": "" if given is None or isinstance(given, list) else given})
    return out


CONFIG_LABELS = {
    "seed": gettext_lazy("Random seed"),
    "model": gettext_lazy("Model"),
    "epochs": gettext_lazy("Epochs"),
    "batch_size": gettext_lazy("Batch size"),
    "learning_rate": gettext_lazy("Learning rate"),
    "warmup_ratio": gettext_lazy("Warm-up ratio"),
    "weight_decay": gettext_lazy("Weight decay"),
    "freeze_layers": gettext_lazy("Frozen layers"),
    "max_seq_length": gettext_lazy("Maximum sequence length"),
}


def config_fields(exercise: Exercise, values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    public = exercise.public or {}
    defaults = public.get("default_config") or {}
    values = {**defaults, **(values or {})}
    fields = []
    for key, default in defaults.items():
        kind = "int" if isinstance(default, int) and not isinstance(default, bool) else (
            "float" if isinstance(default, float) else "text")
        field = {"name": key, "label": CONFIG_LABELS.get(key, key.replace("_", " ").capitalize()), "kind": kind,
                 "value": values.get(key, default)}
        if key == "model" and public.get("models"):
            field["kind"], field["choices"] = "choice", list(public["models"])
        fields.append(field)
    return fields


def payload_from_post(exercise: Exercise, request: HttpRequest) -> dict[str, Any]:
    """The form -> the payload submission_create validates (the service owns every rule)."""
    if exercise.kind == Exercise.Kind.QUIZ:
        answers: dict[str, Any] = {}
        for q in (exercise.public or {}).get("questions", []):
            qid = q.get("id")
            if q.get("type") == "multi":
                picked = request.POST.getlist(f"q-{qid}")
                if picked:
                    answers[qid] = picked
            else:
                value = request.POST.get(f"q-{qid}", "").strip()
                if value:
                    answers[qid] = value
        return {"answers": answers}
    if exercise.kind == Exercise.Kind.FINETUNE:
        config: dict[str, Any] = {}
        errors = []
        for field in config_fields(exercise):
            raw = request.POST.get(f"cfg-{field['name']}", "").strip()
            if raw == "":
                continue
            try:
                config[field["name"]] = int(raw) if field["kind"] == "int" else (
                    float(raw) if field["kind"] == "float" else raw)
            except ValueError:
                errors.append(str(FORM_NOT_A_NUMBER % {"value": raw}))
        if errors:
            raise ValidationError({"config": errors})
        return {"config": config}
    upload = request.FILES.get("file")
    if upload is not None and upload.size:
        return {"source": submission_service.decode_upload(upload.read())}
    return {"source": request.POST.get("source", "").replace("\r\n", "\n")}


# --- live status -----------------------------------------------------------------------------------


def queue_position(submission: Submission) -> int | None:
    if submission.status != SubmissionStatus.QUEUED:
        return None
    kinds = [Exercise.Kind.FINETUNE] if submission.exercise.kind == Exercise.Kind.FINETUNE else [
        Exercise.Kind.CODE, Exercise.Kind.MODEL, Exercise.Kind.QUIZ]
    ahead = Submission.objects.filter(status=SubmissionStatus.QUEUED, exercise__kind__in=kinds).filter(
        created_at__lt=submission.created_at).count()
    return ahead + 1


def status_context(submission: Submission, user: Any) -> dict[str, Any]:
    event = submission.events.order_by("-step", "-id").first() if not submission.is_final else None
    percent = None
    if event is not None and event.total:
        percent = min(100, round(100 * event.step / event.total))
    milestone = submission.exercise.milestone
    progress = Progress.objects.filter(user=submission.user, milestone=milestone).first()
    return {
        "submission": submission,
        "exercise": submission.exercise,
        "position": queue_position(submission),
        "event": event,
        "percent": percent,
        "poll": not submission.is_final,
        "poll_seconds": POLL_SECONDS,
        "checks": submission.checks or [],
        "milestone": milestone,
        "milestone_done": progress is not None and progress.state == ProgressState.DONE,
        "own": submission.user_id == user.pk,
    }


def history_context(exercise: Exercise, user: Any) -> dict[str, Any]:
    history = list(submission_list(user=user, exercise=exercise.slug).order_by("-attempt"))
    return {"history": history, "quota": quota_get(user=user, exercise=exercise), "exercise": exercise}


# --- pages -----------------------------------------------------------------------------------------


@login_required
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_get(slug=slug)
    if exercise is None:
        raise Http404
    context = history_context(exercise, request.user)
    last = context["history"][0] if context["history"] else None
    source = exercise.starter
    if last is not None and exercise.kind in (Exercise.Kind.CODE, Exercise.Kind.MODEL) and last.code:
        source = last.code
    progress = Progress.objects.filter(user=request.user, milestone=exercise.milestone).first()
    context.update({
        "statement": render_markdown(exercise.statement),
        "source": source,
        "questions": quiz_questions(exercise, (last.payload or {}).get("answers") if last else None),
        "config": config_fields(exercise, (last.payload or {}).get("config") if last else None),
        "metric": exercise.metric,
        "last": last,
        "milestone_state": progress.get_state_display() if progress else None,
        "limits": exercise.limits or {},
    })
    if last is not None:
        context.update(status_context(last, request.user))
    return render(request, "exercises/exercise.html", context)


@login_required
@require_POST
def exercise_submit(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_get(slug=slug)
    if exercise is None:
        raise Http404
    htmx = request.headers.get("HX-Request") == "true"
    errors: list[str] = []
    try:
        submission = submission_create(user=request.user, exercise=exercise,
                                       payload=payload_from_post(exercise, request))
    except QuotaExceeded as exc:
        errors = [_("You have used all %(limit)s submissions for this exercise today. The count resets at "
                    "midnight UTC; platform failures never count.") % {"limit": exc.limit}]
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
    submission = submission_get(user=request.user, submission_id=pk)
    if submission is None:
        raise Http404
    context = status_context(submission, request.user)
    context["on_submission_page"] = request.GET.get("page") == "submission"
    if submission.is_final and context["own"] and not context["on_submission_page"]:
        # The final poll also refreshes the history and quota beside it (out-of-band swaps).
        context.update(history_context(submission.exercise, request.user))
        context["oob"] = True
    response = render(request, "exercises/_status.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _diff_rows(a: Submission, b: Submission) -> list[dict[str, str]]:
    left, right = a.code.splitlines()[:MAX_DIFF_LINES], b.code.splitlines()[:MAX_DIFF_LINES]
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
    exercise = exercise_get(slug=slug)
    if exercise is None:
        raise Http404
    try:
        a_id, b_id = int(request.GET.get("a", "")), int(request.GET.get("b", ""))
    except ValueError:
        raise Http404 from None
    a = submission_get(user=request.user, submission_id=a_id)
    b = submission_get(user=request.user, submission_id=b_id)
    if a is None or b is None or a.exercise_id != exercise.pk or b.exercise_id != exercise.pk or a.user_id != b.user_id:
        raise Http404
    context = {"a": a, "b": b, "rows": _diff_rows(a, b), "exercise": exercise}
    template = "exercises/_diff.html" if request.headers.get("HX-Request") == "true" else "exercises/diff.html"
    return render(request, template, context)


# --- learning curve ----------------------------------------------------------------------------------


def curve_svg(points: list[dict[str, Any]], *, metric_name: str = "") -> SafeString | None:
    """Loss (left axis) and the evaluation metric (right axis) by step, as a small inline SVG."""
    loss = [(p["step"], p["loss"]) for p in points if isinstance(p.get("loss"), (int, float))
            and math.isfinite(p["loss"])]
    metric = [(p["step"], p.get("eval_metric", p.get("metric"))) for p in points
              if isinstance(p.get("eval_metric", p.get("metric")), (int, float))]
    if not loss and not metric:
        return None
    w, h, left, right, top, bottom = 640, 270, 52, 52, 34, 36
    steps = [s for s, _ in loss + metric]
    s0, s1 = min(steps), max(steps)
    span = (s1 - s0) or 1

    def x(step: float) -> float:
        return round(left + (step - s0) / span * (w - left - right), 1)

    def scale(values: list[float]) -> tuple[float, float]:
        lo, hi = min(values), max(values)
        if hi - lo < 1e-12:
            lo, hi = lo - 0.5, hi + 0.5
        return lo, hi

    def y(value: float, lo: float, hi: float) -> float:
        return round(top + (1 - (value - lo) / (hi - lo)) * (h - top - bottom), 1)

    metric_label = metric_name or _("metric")
    step_label, loss_label = _("step"), _("loss")
    title = _("Learning curve: loss and %(metric)s by step") % {"metric": metric_label}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" role="img" '
           f'aria-labelledby="curve-title" class="curve"><title id="curve-title">{escape(title)}</title>',
           f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{h - top - bottom}" fill="#fff" '
           f'stroke="#d9dde3"/>']
    out.append(f'<text x="{left}" y="{h - 8}" font-size="11" fill="#59626e">{escape(step_label)} {s0}</text>')
    out.append(f'<text x="{w - right}" y="{h - 8}" font-size="11" fill="#59626e" text-anchor="end">{s1}</text>')
    if loss:
        lo, hi = scale([v for _, v in loss])
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(s)},{y(v, lo, hi)}" for i, (s, v) in enumerate(loss))
        out.append(f'<path d="{path}" fill="none" stroke="#1f5fbf" stroke-width="2" class="loss"/>')
        out.append(f'<text x="{left - 4}" y="{top + 10}" font-size="11" fill="#1f5fbf" text-anchor="end">'
                   f"{hi:.3g}</text>")
        out.append(f'<text x="{left - 4}" y="{h - bottom}" font-size="11" fill="#1f5fbf" text-anchor="end">'
                   f"{lo:.3g}</text>")
        out.append(f'<text x="{left}" y="16" font-size="12" fill="#1f5fbf">— {escape(loss_label)}</text>')
    if metric:
        lo, hi = scale([v for _, v in metric])
        path = " ".join(f"{'M' if i == 0 else 'L'}{x(s)},{y(v, lo, hi)}" for i, (s, v) in enumerate(metric))
        out.append(f'<path d="{path}" fill="none" stroke="#1d7a3d" stroke-width="2" stroke-dasharray="6 3" '
                   f'class="metric"/>')
        for s, v in metric:
            out.append(f'<circle cx="{x(s)}" cy="{y(v, lo, hi)}" r="3" fill="#1d7a3d"/>')
        out.append(f'<text x="{w - right + 4}" y="{top + 10}" font-size="11" fill="#1d7a3d">{hi:.3g}</text>')
        out.append(f'<text x="{w - right + 4}" y="{h - bottom}" font-size="11" fill="#1d7a3d">{lo:.3g}</text>')
        out.append(f'<text x="{left + 110}" y="16" font-size="12" fill="#1d7a3d">- - '
                   f"{escape(metric_label)}</text>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - numbers and escaped text only


def _curve_points(submission: Submission) -> list[dict[str, Any]]:
    if submission.curve:
        return list(submission.curve)
    return [{"step": e.step, "loss": e.loss, "eval_metric": e.metric} for e in submission.events.all()]


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
        "metrics": sorted((submission.metrics or {}).items()),
        "runtime": sorted((submission.runtime or {}).items()),
        "usage": sorted((submission.usage or {}).items()),
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
        waited = now - (submission.finished_at or submission.created_at)
        items.append({"submission": submission, "waited": waited,
                      "hours": round(waited.total_seconds() / 3600, 1)})
    return render(request, "exercises/review_queue.html", {"items": items})
