"""The catalogue's read side: milestones and exercises with the facts their filters need, in a fixed number of
queries whatever the page shows (counts and the reader's state are subqueries, not per-row lookups)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from exercises.models import Exercise, Submission, SubmissionStatus
from exercises.selectors import exercise_list, exercise_search
from planner.models import Milestone, Progress
from planner.selectors import milestone_list, milestone_search

# The reader's exercise states the catalogue filters on.
PASSED, TRIED, NOT_TRIED = "passed", "tried", "not_tried"
# The reader's milestone state when the milestone is in none of their tracks.
UNTRACKED = "untracked"


def milestone_catalogue(
    *,
    user: Any,
    stage: Any = None,
    completion: str = "",
    state: str = "",
    graded: bool | None = None,
    search: str = "",
) -> QuerySet[Milestone]:
    """Milestones with `exercise_count` (active exercises) and, for a signed-in reader, `my_state` (None when the
    milestone is in none of their tracks); curriculum order, or best match first when searching."""
    active = Exercise.objects.filter(milestone=OuterRef("pk"), active=True).order_by()
    counted = active.values("milestone").annotate(n=Count("id")).values("n")
    qs = milestone_list().annotate(exercise_count=Coalesce(Subquery(counted), Value(0), output_field=IntegerField()))
    if user.is_authenticated:
        mine = Progress.objects.filter(user_id=user.pk, milestone=OuterRef("pk")).values("state")[:1]
        qs = qs.annotate(my_state=Subquery(mine))
        if state == UNTRACKED:
            qs = qs.filter(my_state__isnull=True)
        elif state:
            qs = qs.filter(my_state=state)
    if stage is not None:
        qs = qs.filter(stage=stage)
    if completion:
        qs = qs.filter(completion=completion)
    if graded is not None:
        qs = qs.filter(exercise_count__gt=0) if graded else qs.filter(exercise_count=0)
    return milestone_search(qs, search) if search else qs


def exercise_catalogue(
    *,
    user: Any,
    stage: Any = None,
    kind: str = "",
    state: str = "",
    required: bool | None = None,
    search: str = "",
) -> QuerySet[Exercise]:
    """Active exercises with, for a signed-in reader, `my_attempts` and `my_passed`; curriculum order, or best match
    first when searching."""
    qs = exercise_list()
    if user.is_authenticated:
        mine = Submission.objects.filter(user_id=user.pk, exercise=OuterRef("pk")).order_by()
        attempts = mine.values("exercise").annotate(n=Count("id")).values("n")
        qs = qs.annotate(
            my_attempts=Coalesce(Subquery(attempts), Value(0), output_field=IntegerField()),
            my_passed=Exists(mine.filter(status=SubmissionStatus.PASSED)),
        )
        qs = qs.filter(**_exercise_state_filter(state)) if state else qs
    if stage is not None:
        qs = qs.filter(milestone__stage=stage)
    if kind:
        qs = qs.filter(kind=kind)
    if required is not None:
        qs = qs.filter(required=required)
    return exercise_search(qs, search) if search else qs


def _exercise_state_filter(state: str) -> dict[str, Any]:
    return {
        PASSED: {"my_passed": True},
        TRIED: {"my_passed": False, "my_attempts__gt": 0},
        NOT_TRIED: {"my_attempts": 0},
    }[state]


def exercise_state(exercise: Exercise) -> str | None:
    """The reader's state of an exercise from `exercise_catalogue`'s annotations (None for a visitor)."""
    if not hasattr(exercise, "my_passed"):
        return None
    return PASSED if exercise.my_passed else (TRIED if exercise.my_attempts else NOT_TRIED)
