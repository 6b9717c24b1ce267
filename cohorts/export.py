"""The cohort's progress as CSV, one row per learner: the page's figures with stable column names (for
spreadsheets and scripts, in any language), a stage's percent done per `stage:<slug>` column."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpResponse

from cohorts.progress import CohortProgress

COLUMNS = [
    "username",
    "name",
    "joined_at",
    "enrolled",
    "percent_done",
    "milestones_done",
    "milestones",
    "hours_done",
    "hours_remaining",
    "hours_per_week",
    "pace_hours_per_week",
    "projected_finish",
    "target_date",
    "behind_hours",
    "late_days",
    "last_active",
    "days_inactive",
]
# A cell a spreadsheet would read as a formula (a display name like "=HYPERLINK(...)") is written as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def progress_rows(progress: CohortProgress) -> tuple[list[str], list[list[Any]]]:
    stage_slugs = [stage["slug"] for stage in progress.stages]
    header = COLUMNS + [f"stage:{slug}" for slug in stage_slugs]
    rows = []
    for learner in progress.learners:
        cells = [_cell(learner.get(column)) for column in COLUMNS]
        for slug in stage_slugs:
            stage = learner["stages"].get(slug)
            cells.append(_cell(stage["percent"] if stage else None))
        rows.append(cells)
    return header, rows


def progress_csv(progress: CohortProgress, *, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    # A byte-order mark: Excel reads a UTF-8 file without one in the local code page, and Chinese names break.
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    header, rows = progress_rows(progress)
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
