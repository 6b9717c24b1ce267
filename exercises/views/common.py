"""What every exercise page shares: polling and diff bounds, form messages, service messages as a page words them,
and the 404 for a submission the user may not see or act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy

from config.i18n import error_lines as _error_lines
from config.pages import refusal_as_404
from exercises.models import Submission
from exercises.selectors import submission_get

POLL_SECONDS = 1
MAX_DIFF_LINES = 2000

# A page's form has controls, not API fields: these service codes are worded for it.
PAGE_WORDING = {
    "source_required": gettext_lazy("Paste your code or upload a file."),
    "reason_without_override": gettext_lazy(
        "A reason goes with a score override; set a score override or leave the reason empty."
    ),
    "review_empty": gettext_lazy("A comment review needs a body or at least one line comment."),
}
FORM_NOT_A_NUMBER = gettext_lazy("“%(value)s” is not a number.")
FORM_FIELD_NOT_A_NUMBER = gettext_lazy("%(field)s: “%(value)s” is not a number.")


def error_lines(exc: ValidationError) -> list[str]:
    return _error_lines(exc, PAGE_WORDING)


def refusal_lines(action: Callable[[], object]) -> list[str]:
    """Run a form's service call: its refusal as the page's error lines; a permission refusal is a 404."""
    with refusal_as_404():
        try:
            action()
        except ValidationError as exc:
            return error_lines(exc)
    return []


def submission_or_404(
    request: HttpRequest, pk: int, allowed: Callable[[Any, Submission], bool] | None = None
) -> Submission:
    """A submission the user may see and, with `allowed(user, submission)`, act on; else a 404 either way."""
    submission = submission_get(user=request.user, submission_id=pk)
    if submission is None or (allowed is not None and not allowed(request.user, submission)):
        raise Http404
    return submission
