"""What the cohort pages share: heatmap cells, sortable column headers."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cohorts.progress import CohortProgress

HEAT_STEPS = 10


def heat(cell: dict[str, Any] | None) -> dict[str, Any]:
    """A heatmap cell: its percent, its colour step (0-10) and its tooltip; None outside the learner's scope. Worded
    here, not in the template: a {% blocktrans %} per cell was a third of the page's time at 200 x 10 cells."""
    if cell is None:
        return {"percent": None, "step": None}
    step = min(HEAT_STEPS, int(cell["percent"] // HEAT_STEPS))
    title = MILESTONES_DONE % {"done": cell["done"], "total": cell["total"]}
    return {"percent": cell["percent"], "step": step, "label": f"{cell['percent']:.0f}%", "title": title}


MILESTONES_DONE = _("%(done)s of %(total)s milestones")


FIXED_COLUMNS = [
    ("name", _("Learner")),
    ("progress", _("Done")),
    ("behind", _("Behind plan")),
    ("last_active", _("Last active")),
]


def _column(key: str, label: Any, current: str, query: QueryDict) -> dict[str, Any]:
    """A sortable header: sorted ascending on the first click, reversed on the next."""
    sorted_here = current.removeprefix("-") == key
    descending = current.startswith("-")
    params = query.copy()
    params["ordering"] = f"-{key}" if sorted_here and not descending else key
    aria = ("descending" if descending else "ascending") if sorted_here else None
    return {"key": key, "label": label, "href": f"?{params.urlencode()}", "aria_sort": aria}


def sort_columns(progress: CohortProgress, query: QueryDict) -> dict[str, Any]:
    current = progress.ordering
    return {
        "fixed": {key: _column(key, label, current, query) for key, label in FIXED_COLUMNS},
        "stages": [
            _column(f"stage:{stage['slug']}", stage["stage"].title, current, query) for stage in progress.stages
        ],
    }
