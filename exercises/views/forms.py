"""The submit form of each exercise kind (code, model, quiz, fine-tuning), the payload it becomes, and a quiz's
result as its reader may see it."""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from config.i18n import pick
from config.markdown import render_markdown, render_markdown_inline
from exercises.feedback import check_display
from exercises.models import Exercise, Review, Submission
from exercises.selectors import quiz_result_get
from exercises.services import submissions as submission_service
from exercises.views.common import FORM_FIELD_NOT_A_NUMBER, FORM_NOT_A_NUMBER
from gpu_runner.graders import quiz as quiz_grader

QUIZ_VERDICTS = {
    quiz_grader.CORRECT: gettext_lazy("Correct."),
    quiz_grader.WRONG: gettext_lazy("Wrong."),
    quiz_grader.NOT_ANSWERED: gettext_lazy("Not answered."),
    f"{quiz_grader.WRONG} {quiz_grader.CHOICE_EXPECTED}": gettext_lazy("Wrong. Answer with one option id."),
    f"{quiz_grader.WRONG} {quiz_grader.MULTI_EXPECTED}": gettext_lazy("Wrong. Answer with a list of option ids."),
    f"{quiz_grader.WRONG} {quiz_grader.NUMBER_EXPECTED}": gettext_lazy("Wrong. Answer with a number."),
    f"{quiz_grader.WRONG} {quiz_grader.NUMBER_TOO_LARGE}": gettext_lazy("Wrong. The number is too large to compare."),
}


def tolerance_text(question: dict[str, Any]) -> str:
    """How close a numeric answer must be, as the page says it ("±0.01", "±5%"); empty when it must be exact."""
    absolute, relative = question.get("tolerance") or 0, question.get("relative_tolerance") or 0
    parts = [f"±{absolute:g}"] if absolute else []
    if relative:
        parts.append(f"±{relative * 100:g}%")
    return " / ".join(parts)


def quiz_questions(exercise: Exercise, answers: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    answers = answers or {}
    out = []
    for q in (exercise.public or {}).get("questions", []):
        given = answers.get(q.get("id"))
        options = [
            {
                "id": o["id"],
                "text": render_markdown_inline(pick(o.get("text"))),
                "checked": (given == o["id"]) or (isinstance(given, list) and o["id"] in given),
            }
            for o in q.get("options", [])
        ]
        value = "" if given is None or isinstance(given, list) else given
        out.append(
            {
                "id": q.get("id"),
                "type": q.get("type"),
                "prompt": render_markdown(pick(q.get("prompt"))),
                "options": options,
                "value": value,
                # What the learner answered, as they read it: the texts of the options they chose (never the
                # option ids), or the number they typed.
                "given": [o["text"] for o in options if o["checked"]] if options else ([value] if value != "" else []),
                "tolerance": tolerance_text(q) if q.get("type") == "numeric" else "",
            }
        )
    return out


def quiz_checks(submission: Submission, *, explanations: bool) -> list[dict[str, Any]]:
    """A final quiz's checks for a page: the verdict in the reader's language and, when `explanations`
    (quiz_explanations_visible), the question's explanation rendered beside it."""
    checks, metrics = quiz_result_get(submission=submission, explanations=explanations)
    questions = metrics.get("questions") or {}
    # Checks are named by question id ("q1"); the page numbers its questions, so the verdicts do too.
    numbers = {q.get("id"): n for n, q in enumerate((submission.exercise.public or {}).get("questions", []), 1)}
    out = []
    for check in checks:
        explanation = (questions.get(check.get("name")) or {}).get("explanation") if explanations else None
        number = numbers.get(check.get("name"))
        name = gettext("Question %(n)s") % {"n": number} if number else check.get("name")
        # The verdict's key where the grader stored one; results from before keys have the English verdict only.
        if "message_i18n" in check:
            verdict = check_display(check)["message"]
        else:
            verdict = QUIZ_VERDICTS.get(check["message"], check["message"])
        out.append(
            {
                **check,
                "name": name,
                "message": verdict,
                "explanation": render_markdown(pick(explanation)) if explanation else None,
            }
        )
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
    "lora_r": gettext_lazy("LoRA rank (r)"),
    "lora_alpha": gettext_lazy("LoRA alpha"),
    "lora_dropout": gettext_lazy("LoRA dropout"),
    "lora_target_modules": gettext_lazy("LoRA target layers (comma-separated)"),
}


def config_fields(exercise: Exercise, values: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    public = exercise.public or {}
    defaults = public.get("default_config") or {}
    values = {**defaults, **(values or {})}
    fields = []
    for key, default in defaults.items():
        kind = (
            "int"
            if isinstance(default, int) and not isinstance(default, bool)
            else ("float" if isinstance(default, float) else "text")
        )
        field = {
            "name": key,
            "label": CONFIG_LABELS.get(key, key.replace("_", " ").capitalize()),
            "kind": kind,
            "value": _shown(values.get(key, default)),
        }
        if key == "model" and public.get("models"):
            field["kind"], field["choices"] = "choice", list(public["models"])
        fields.append(field)
    return fields


def config_rows(config: Any) -> list[dict[str, Any]]:
    """A fine-tuning run's configuration as (label, name, value) rows for the result page's table: one row per
    setting, in the reader's language, so a long value (a model path, LoRA's layers) gets its own row."""
    if not isinstance(config, dict):
        return []
    rows = []
    for key, value in config.items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else _shown(value)
        label = CONFIG_LABELS.get(key, str(key).replace("_", " ").capitalize())
        rows.append({"name": key, "label": label, "value": shown})
    return rows


def _shown(value: Any) -> Any:
    """A setting as its form field shows it: a list (LoRA's target layers, sent through the API) as the
    comma-separated text the form posts back."""
    return ", ".join(map(str, value)) if isinstance(value, list) else value


def _answers_from_post(exercise: Exercise, request: HttpRequest) -> dict[str, Any]:
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
    return answers


def payload_from_post(exercise: Exercise, request: HttpRequest) -> dict[str, Any]:
    """The form -> the payload submission_create validates (the service owns every rule)."""
    if exercise.kind == Exercise.Kind.ARTEFACT:
        from exercises.views.artefact import artefact_payload_from_post

        return artefact_payload_from_post(request)
    if exercise.kind == Exercise.Kind.QUIZ:
        return {"answers": _answers_from_post(exercise, request)}
    if exercise.kind == Exercise.Kind.FINETUNE:
        config: dict[str, Any] = {}
        errors = []
        for field in config_fields(exercise):
            raw = request.POST.get(f"cfg-{field['name']}", "").strip()
            if raw == "":
                continue
            try:
                config[field["name"]] = (
                    int(raw) if field["kind"] == "int" else (float(raw) if field["kind"] == "float" else raw)
                )
            except ValueError:
                errors.append(str(FORM_FIELD_NOT_A_NUMBER % {"field": field["label"], "value": raw}))
        if errors:
            raise ValidationError({"config": errors})
        return {"config": config}
    upload = request.FILES.get("file")
    if upload is not None and upload.size:
        # One byte past the limit is enough to know it is too large (config/uploads.py keeps no more than that).
        return {"source": submission_service.decode_upload(upload.read(settings.PATHWISE_MAX_CODE_BYTES + 1))}
    return {"source": request.POST.get("source", "").replace("\r\n", "\n")}


# The form's line-comment rows: comment-<n>-line / comment-<n>-body, as many as the mentor added (the page starts with
# three and adds one per line clicked). No cap of our own: Django's DATA_UPLOAD_MAX_NUMBER_FIELDS bounds a request.
_COMMENT_FIELD = re.compile(r"^comment-(\d{1,6})-(?:line|body)$")


def _comment_numbers(request: HttpRequest) -> list[int]:
    return sorted({int(m.group(1)) for key in request.POST if (m := _COMMENT_FIELD.match(key))})


def comment_rows(request: HttpRequest | None = None, *, least: int = 3) -> list[dict[str, Any]]:
    """The review form's line-comment rows as the page shows them: what was posted (kept when the review is
    refused, so nothing typed is lost), then empty rows up to `least`."""
    posted = request.POST if request is not None else {}
    numbers = _comment_numbers(request) if request is not None else []
    rows = [
        {"n": n, "line": posted.get(f"comment-{n}-line", ""), "body": posted.get(f"comment-{n}-body", "")}
        for n in numbers
    ]
    last = max(numbers, default=0)
    rows += [{"n": last + i, "line": "", "body": ""} for i in range(1, max(0, least - len(rows)) + 1)]
    return rows


def review_from_post(request: HttpRequest) -> tuple[dict[str, Any], list[str]]:
    """The review form -> review_create's arguments, and the form's own errors (a line or score that is not a
    number, no verdict); the service owns every other rule."""
    comments = []
    errors: list[str] = []
    for n in _comment_numbers(request):
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
        errors.append(gettext("Choose a verdict."))
    review = {
        "verdict": verdict,
        "body": request.POST.get("body", ""),
        "comments": comments,
        "score_override": override,
        "override_reason": request.POST.get("override_reason", ""),
    }
    return review, errors
