"""An artefact submission as its page shows it: the link, the write-up and the notebook, rendered and sanitised.

Nothing a learner wrote runs in a reader's browser: Markdown (write-up and notebook Markdown cells) goes through
the project's Markdown + nh3 path (no <script>, no event handlers, no <img>), code cells and text outputs are
escaped text, HTML and JavaScript outputs are dropped, and an image output is shown only as a PNG whose bytes
were decoded and re-encoded here (a data:image/png URI, nothing that can carry script).
"""

from __future__ import annotations

import base64
import binascii
import re
from typing import Any

import nbformat
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from config.markdown import render_markdown
from exercises.models import Exercise, Submission
from exercises.permissions import can_score_artefact
from exercises.services import artefact_score
from exercises.services.artefact_scores import rubric_of
from exercises.services.artefacts import artefact_spec, hosts_text, notebook_decode
from exercises.views.common import refusal_lines, submission_or_404

MAX_CELLS = 400
MAX_OUTPUT_CHARS = 20_000
MAX_IMAGE_BYTES = 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
FORM_POINTS_NOT_A_NUMBER = _("Criterion %(id)s: “%(value)s” is not a number.")


def _text(value: Any) -> str:
    text = "".join(value) if isinstance(value, list) else str(value or "")
    text = _ANSI.sub("", text)
    return text if len(text) <= MAX_OUTPUT_CHARS else text[:MAX_OUTPUT_CHARS] + "\n…"


def _png(data: Any) -> str | None:
    """A data:image/png URI re-encoded from the decoded bytes, or None (not base64, not a PNG, too large)."""
    raw = "".join(data) if isinstance(data, list) else data
    if not isinstance(raw, str) or len(raw) > MAX_IMAGE_BYTES * 4 // 3 + 16:
        return None
    try:
        decoded = base64.b64decode("".join(raw.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    if not decoded.startswith(PNG_MAGIC):
        return None
    return "data:image/png;base64," + base64.b64encode(decoded).decode("ascii")


def _output(output: dict[str, Any]) -> dict[str, str] | None:
    kind = output.get("output_type")
    if kind == "stream":
        return {"kind": "text", "text": _text(output.get("text"))}
    if kind == "error":
        lines = [f"{output.get('ename', '')}: {output.get('evalue', '')}", *(output.get("traceback") or [])]
        return {"kind": "error", "text": _text("\n".join(map(str, lines)))}
    data = output.get("data") or {}
    if "image/png" in data:
        uri = _png(data["image/png"])
        if uri is not None:
            return {"kind": "image", "uri": uri, "alt": _text(data.get("text/plain", ""))[:200]}
    if "text/plain" in data:
        return {"kind": "text", "text": _text(data["text/plain"])}
    return None  # HTML, JavaScript, widgets: never rendered


def notebook_cells(text: str) -> list[dict[str, Any]] | None:
    """The notebook's cells for the page, or None when it does not parse (checked at submission; kept safe here)."""
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception:
        return None
    cells = []
    for cell in notebook.get("cells", [])[:MAX_CELLS]:
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            cells.append({"kind": "markdown", "html": render_markdown(source, drop_title=False)})
        elif cell.get("cell_type") == "code":
            outputs = [shown for o in cell.get("outputs", []) if (shown := _output(o)) is not None]
            cells.append({"kind": "code", "source": source, "outputs": outputs})
        else:
            cells.append({"kind": "raw", "source": source})
    return cells


def rubric_rows(exercise: Exercise, lang: str) -> list[dict[str, Any]]:
    return [
        {"id": c["id"], "points": c["points"], "description": c["description"].get(lang) or c["description"]["en"]}
        for c in rubric_of(exercise).get("criteria", [])
    ]


def artefact_exercise_context(exercise: Exercise, lang: str) -> dict[str, Any]:
    """What the exercise page shows beside an artefact's form: its rubric and what it takes."""
    spec = artefact_spec(exercise)
    rubric = rubric_of(exercise)
    return {
        "rubric": rubric_rows(exercise, lang),
        "rubric_total": rubric.get("total"),
        "pass_mark": rubric.get("pass_mark"),
        "parts": spec,
        "hosts": hosts_text(spec.get("url", {}).get("hosts", [])) if "url" in spec else "",
        "sections": [s.get(lang) or s["en"] for s in spec.get("writeup", {}).get("sections", [])],
        "notebook_limit_mb": settings.PATHWISE_MAX_NOTEBOOK_BYTES / (1024 * 1024),
    }


def artefact_submission_context(request: HttpRequest, submission: Submission, lang: str) -> dict[str, Any]:
    payload = submission.payload or {}
    notebook = payload.get("notebook")
    return {
        "artefact_url": payload.get("url", ""),
        "writeup_html": render_markdown(payload["writeup"], drop_title=False) if payload.get("writeup") else "",
        "notebook": notebook_cells(notebook) if notebook else None,
        "notebook_name": payload.get("notebook_name", ""),
        "has_notebook": bool(notebook),
        "rubric": rubric_rows(submission.exercise, lang),
        "pass_mark": rubric_of(submission.exercise).get("pass_mark"),
        "rubric_total": rubric_of(submission.exercise).get("total"),
        "can_score": can_score_artefact(request.user, submission) and submission.status == "review",
    }


def artefact_payload_from_post(request: HttpRequest) -> dict[str, Any]:
    """The artefact form -> the payload artefact_clean checks (the service owns every rule)."""
    payload: dict[str, Any] = {
        "url": request.POST.get("url", ""),
        "writeup": request.POST.get("writeup", ""),
    }
    upload = request.FILES.get("notebook")
    if upload is not None and upload.size:
        data = upload.read(settings.PATHWISE_MAX_NOTEBOOK_BYTES + 1)
        payload["notebook"] = notebook_decode(data, size=upload.size)
        payload["notebook_name"] = upload.name
    return payload


def scores_from_post(request: HttpRequest, exercise: Exercise) -> tuple[list[dict[str, Any]], list[str]]:
    """The scoring form -> artefact_score's scores, and the form's own errors (points that are not a number)."""
    scores, errors = [], []
    for criterion in rubric_of(exercise).get("criteria", []):
        cid = criterion["id"]
        raw = request.POST.get(f"points-{cid}", "").strip()
        comment = request.POST.get(f"comment-{cid}", "")
        if raw == "":
            continue  # the service names every criterion left unscored
        try:
            points = float(raw)
        except ValueError:
            errors.append(str(FORM_POINTS_NOT_A_NUMBER % {"id": cid, "value": raw[:40]}))
            continue
        scores.append({"criterion": cid, "points": points, "comment": comment})
    return scores, errors


@login_required
@require_POST
def submission_score(request: HttpRequest, pk: int) -> HttpResponse:
    """The mentor's rubric form on the submission page."""
    submission = submission_or_404(request, pk, can_score_artefact)
    scores, errors = scores_from_post(request, submission.exercise)
    if not errors:
        body = request.POST.get("body", "")
        errors = refusal_lines(
            lambda: artefact_score(mentor=request.user, submission=submission, scores=scores, body=body)
        )
    for message in errors:
        messages.error(request, message)
    if not errors:
        messages.success(request, gettext("Rubric scored."))
    return redirect("submission-detail", pk=submission.pk)
