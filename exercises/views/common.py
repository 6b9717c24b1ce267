"""What every exercise page shares: service messages in the reader's language, bilingual picks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy

from exercises.services import reviews as review_service
from exercises.services import submissions as submission_service
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
FORM_FIELD_NOT_A_NUMBER = gettext_lazy("%(field)s: “%(value)s” is not a number.")


def is_zh() -> bool:
    return (get_language() or "en").startswith("zh")


def pick(text: Any) -> str:
    """A bilingual {en, zh} value (or plain text) in the active language."""
    if isinstance(text, dict):
        return str(text.get("zh") if is_zh() and text.get("zh") else text.get("en", ""))
    return "" if text is None else str(text)


def error_lines(exc: ValidationError) -> list[str]:
    return [translate(m, SERVICE_MESSAGES) for m in exc.messages]
