"""What every exercise page shares: polling and diff bounds, form messages, service messages as a page words them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from config.i18n import error_lines as _error_lines

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
