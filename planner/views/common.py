"""What every planner page shares: service messages in the reader's language, bilingual picks."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext_lazy

from planner.services import enrolments as enrolment_service
from planner.services import plans as plan_service
from planner.services import progress as progress_service

# Service messages are English constants (some with {fields}); the pages show them in the reader's language.
SERVICE_MESSAGES = {
    progress_service.MILESTONE_LOCKED: gettext_lazy(
        "This milestone is locked: finish or skip its prerequisites first."),
    progress_service.MILESTONE_ALREADY_DONE: gettext_lazy("This milestone is already done."),
    progress_service.MILESTONE_NEEDS_EXERCISES: gettext_lazy(
        "This milestone is completed by passing its exercises, not by self-report."),
    progress_service.MILESTONE_NEEDS_MENTOR: gettext_lazy(
        "This milestone is completed by a mentor's sign-off, not by self-report."),
    progress_service.MILESTONE_DONE_BY_EVIDENCE: gettext_lazy(
        "This milestone was completed with graded or mentor evidence and cannot be reset."),
    enrolment_service.ALREADY_ENROLLED: gettext_lazy("You are already enrolled in this track."),
    enrolment_service.TARGET_BEFORE_START: gettext_lazy("The target date must not be before the start date."),
    plan_service.HOURS_PER_WEEK_RANGE: gettext_lazy("Hours per week must be between 1 and 100."),
}


def _pattern(template: str) -> re.Pattern[str]:
    """A service's message template ("Line {line} is ...") as a regex that captures its fields."""
    return re.compile("^" + re.sub(r"\\\{(\w+)(?:!r)?\\\}", r"(?P<\1>.+?)", re.escape(template)) + "$")


def translate(message: str, table: dict[str, Any]) -> str:
    """`message` in the active language when `table` knows its template, else as it came."""
    for template, translated in table.items():
        if "{" not in template:
            if message == template:
                return str(translated)
            continue
        match = _pattern(template).match(message)
        if match:
            return str(translated) % match.groupdict()
    return message


def error_messages(exc: ValidationError) -> list[str]:
    """A service's ValidationError as lines a learner reads, translated where the text is known."""
    return [translate(message, SERVICE_MESSAGES) for message in exc.messages]



def is_zh() -> bool:
    return (get_language() or "en").startswith("zh")


def bilingual(obj: dict[str, Any], key: str = "title") -> str:
    return obj.get(f"{key}_zh" if is_zh() else f"{key}_en", "") or obj.get(f"{key}_en", "")
