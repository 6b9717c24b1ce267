"""The submit form of each exercise kind (code, model, quiz, fine-tuning), the payload it becomes, and a quiz's
result as its reader may see it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy

from exercises.models import Exercise, Submission
from exercises.selectors import quiz_result_get
from exercises.services import submissions as submission_service
from exercises.views.common import FORM_FIELD_NOT_A_NUMBER, pick
from exercises.views.markdown import render_markdown, render_markdown_inline
from gpu_runner.graders import quiz as quiz_grader

QUIZ_VERDICTS = {
    quiz_grader.CORRECT: gettext_lazy("Correct."),
    quiz_grader.WRONG: gettext_lazy("Wrong."),
    quiz_grader.NOT_ANSWERED: gettext_lazy("Not answered."),
    f"{quiz_grader.WRONG} {quiz_grader.CHOICE_EXPECTED}": gettext_lazy("Wrong. Answer with one option id."),
    f"{quiz_grader.WRONG} {quiz_grader.MULTI_EXPECTED}": gettext_lazy("Wrong. Answer with a list of option ids."),
    f"{quiz_grader.WRONG} {quiz_grader.NUMBER_EXPECTED}": gettext_lazy("Wrong. Answer with a number."),
}


def quiz_questions(exercise: Exercise, answers: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    answers = answers or {}
    out = []
    for q in (exercise.public or {}).get("questions", []):
        given = answers.get(q.get("id"))
        options = [{"id": o["id"], "text": render_markdown_inline(pick(o.get("text"))),
                    "checked": (given == o["id"]) or (isinstance(given, list) and o["id"] in given)}
                   for o in q.get("options", [])]
        out.append({"id": q.get("id"), "type": q.get("type"), "prompt": render_markdown(pick(q.get("prompt"))),
                    "options": options, "value": "" if given is None or isinstance(given, list) else given})
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
        out.append({**check, "name": name, "message": QUIZ_VERDICTS.get(check["message"], check["message"]),
                    "explanation": render_markdown(pick(explanation)) if explanation else None})
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
                errors.append(str(FORM_FIELD_NOT_A_NUMBER % {"field": field["label"], "value": raw}))
        if errors:
            raise ValidationError({"config": errors})
        return {"config": config}
    upload = request.FILES.get("file")
    if upload is not None and upload.size:
        return {"source": submission_service.decode_upload(upload.read())}
    return {"source": request.POST.get("source", "").replace("\r\n", "\n")}
