"""Bounds on what a request may carry, shared by the API's parser and serializers, the pages' forms and the services
that check them again."""

from __future__ import annotations

from typing import Any

# Row ids are 64-bit (BigAutoField): a larger number names no row, and SQLite cannot even bind it (OverflowError).
MAX_ID = 2**63 - 1
# Integers in a JSON body: the same 64-bit range, whatever the field (counts, seeds, answers).
MAX_JSON_INT = MAX_ID
# The deepest payload the API takes is a quiz's answers or a review's comments (3 levels); the bound is generous,
# and it keeps a hostile body (100,000 nested brackets) from reaching a recursive parser or serializer.
MAX_JSON_DEPTH = 32
# Every slug column (stages, milestones, tracks, exercises): a longer value names no row.
MAX_SLUG_CHARS = 80
# A learner's weekly study hours, for a plan (an enrolment's) and the profile's setting, to a tenth of an hour: the
# model, the services, the pages' forms, the API's inputs and an imported document all hold them to this range.
MIN_WEEKLY_HOURS = 1
MAX_WEEKLY_HOURS = 100


def id_from_text(raw: str | None) -> int | None:
    """A row id typed into a form or a query string, or None when it is not one (not digits, 0, out of range)."""
    raw = (raw or "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


# How much of a refused value a message repeats: enough to recognise it, never a whole hostile body.
SHOWN_CHARS = 80


def shown(value: Any) -> str:
    """A refused value as a message repeats it: its first SHOWN_CHARS characters, a NUL written as \\0 (a page
    cannot show one, PostgreSQL cannot store one)."""
    return str(value)[:SHOWN_CHARS].replace("\x00", "\\0")


def max_length(model: Any, field: str) -> int:
    """The max_length of a model's field, for the form or serializer field that takes its value from a request: the
    column's limit is stated once, on the model."""
    return model._meta.get_field(field).max_length
