"""The cohort page's figures, for the page, the API and the CSV export alike: every member's progress by stage
(the heatmap), who is behind plan and by how much, who has not been active, the submissions waiting for review,
and per exercise how long passing took and how many failed.

A fixed number of queries whatever the number of learners: members, their summaries (planner's batch summary),
enrolment dates, last activity (two aggregates), stage titles, the waiting submissions, the curriculum graph and
track items, the exercises and one aggregate of submissions per (learner, exercise). The rest is Python.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, DurationField, ExpressionWrapper, Max, Min, Q
from django.db.models.functions import Extract
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import person_name
from cohorts.models import Cohort, Membership
from config.bounds import shown
from exercises.models import GRADER_OUTPUT_FIELDS, Exercise, Submission, SubmissionStatus
from exercises.selectors import awaiting_review
from planner.models import Enrolment, Progress, Stage, TrackMilestone
from planner.services import plan_shortfall, progress_summaries
from planner.services.graph import curriculum_graph, with_prerequisites

UNKNOWN_ORDERING = _("Unknown ordering “%(value)s”: use one of %(choices)s, or stage:<slug>, with - to reverse.")

ORDERINGS = ("name", "joined", "progress", "behind", "last_active")
DEFAULT_INACTIVE_DAYS = 7
MAX_INACTIVE_DAYS = 365  # how far back "not active lately" may look
WAITING_SHOWN = 50
MOST_FAILED_SHOWN = 10
# Learner work that did not pass: a wrong answer, or the learner's own error (syntax, timeout). Platform failures do
# not count against the learner and are not counted here.
NOT_PASSED = (SubmissionStatus.FAILED, SubmissionStatus.ERROR)


@dataclass
class CohortProgress:
    cohort: Cohort
    today: dt.date
    inactive_days: int
    ordering: str
    stages: list[dict[str, Any]] = field(default_factory=list)
    learners: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)
    waiting_count: int = 0
    exercises: list[dict[str, Any]] = field(default_factory=list)

    @property
    def behind(self) -> list[dict[str, Any]]:
        """Behind plan, most hours behind first (then most days late)."""
        rows = [row for row in self.learners if row["behind"]]
        return sorted(rows, key=lambda r: (-(r["behind_hours"] or 0), -(r["late_days"] or 0), r["username"]))

    @property
    def inactive(self) -> list[dict[str, Any]]:
        """Not active for `inactive_days` days or more, longest first (never active at all: first)."""
        rows = [row for row in self.learners if row["inactive"]]
        return sorted(rows, key=lambda r: (r["last_active"] is not None, r["last_active"] or r["joined_at"]))

    @property
    def most_failed(self) -> list[dict[str, Any]]:
        """The exercises most learners failed at least once (then the most still without a pass)."""
        failed = [row for row in self.exercises if row["failed"]]
        return sorted(failed, key=lambda r: (-r["failed"], -r["stuck"], r["slug"]))[:MOST_FAILED_SHOWN]


def _tenths(value: float) -> float:
    return round(value + 1e-9, 1)


def _behind(summary: dict[str, Any], start: dt.date, today: dt.date) -> tuple[float | None, int | None]:
    """(hours behind the planned pace, days the projected finish is past the target): the planner's own measure."""
    return plan_shortfall(summary, start, today)


def _learner_row(membership: Membership, summary: dict[str, Any] | None, start: dt.date | None, ctx: dict) -> dict:
    learner = membership.learner
    last = max(
        (t for t in (ctx["progress_at"].get(learner.pk), ctx["submitted_at"].get(learner.pk)) if t), default=None
    )
    idle = (ctx["now"] - last).days if last else None
    row: dict[str, Any] = {
        "learner": learner,
        "id": learner.pk,
        "username": learner.get_username(),
        "name": person_name(learner),
        "joined_at": membership.joined_at,
        "enrolled": summary is not None,
        "last_active": last,
        "days_inactive": idle,
        "inactive": idle is None or idle >= ctx["inactive_days"],
        "stages": {},
        "behind_hours": None,
        "late_days": None,
    }
    if summary is not None:
        for key in ("percent_done", "hours_done", "hours_remaining", "milestones", "milestones_done"):
            row[key] = summary[key]
        for key in ("hours_per_week", "pace_hours_per_week", "projected_finish", "target_date", "feasible"):
            row[key] = summary[key]
        row["behind_hours"], row["late_days"] = _behind(summary, start or ctx["today"], ctx["today"])
        row["stages"] = {
            s["stage"]: {"percent": s["percent_done"], "done": s["milestones_done"], "total": s["milestones"]}
            for s in summary["stages"]
        }
    row["behind"] = bool((row["behind_hours"] or 0) > 0 or row["late_days"])
    return row


def _sort(rows: list[dict[str, Any]], ordering: str) -> None:
    key, reverse = _ordering_key(ordering)
    if key.startswith("stage:"):
        slug = key.split(":", 1)[1]

        def value(r: dict[str, Any]) -> Any:
            cell = r["stages"].get(slug)
            return (cell is not None, cell["percent"] if cell else 0)
    else:

        def value(r: dict[str, Any]) -> Any:
            return {
                "name": r["name"].casefold(),
                "joined": r["joined_at"],
                "progress": r.get("percent_done", -1),
                "behind": (r["behind_hours"] or 0, r["late_days"] or 0),
                "last_active": (r["last_active"] is not None, r["last_active"] or r["joined_at"]),
            }[key]

    rows.sort(key=lambda r: r["username"])
    rows.sort(key=value, reverse=reverse)


def _ordering_key(ordering: str) -> tuple[str, bool]:
    """(key, descending): a leading "-" reverses."""
    return (ordering[1:], True) if ordering.startswith("-") else (ordering, False)


def ordering_check(ordering: str, stage_slugs: set[str] | None = None) -> str:
    """A valid `ordering` (name, -progress, stage:<slug>, ...); anything else is a 400 that lists the choices."""
    key, _descending = _ordering_key(ordering)
    stage = key[len("stage:") :] if key.startswith("stage:") else None
    valid = key in ORDERINGS or (bool(stage) and (stage_slugs is None or stage in stage_slugs))
    if not valid:
        params = {"value": shown(ordering), "choices": ", ".join(ORDERINGS)}
        raise ValidationError({"ordering": ValidationError(UNKNOWN_ORDERING, code="invalid", params=params)})
    return ordering


def _last_activity(ids: list[int]) -> tuple[dict[int, dt.datetime], dict[int, dt.datetime]]:
    progress = Progress.objects.filter(user_id__in=ids).values("user_id").annotate(at=Max("updated_at"))
    submitted = Submission.objects.filter(user_id__in=ids).values("user_id").annotate(at=Max("created_at"))
    return (
        {row["user_id"]: row["at"] for row in progress},
        {row["user_id"]: row["at"] for row in submitted},
    )


def _learners(cohort: Cohort, today: dt.date, inactive_days: int) -> tuple[list[dict[str, Any]], list[str]]:
    memberships = list(Membership.objects.filter(cohort=cohort).select_related("learner__profile"))
    ids = [m.learner_id for m in memberships]
    summaries = progress_summaries(user_ids=ids, today=today) if ids else {}
    track = cohort.track.slug
    by_learner = {uid: next((t for t in s["tracks"] if t["track"] == track), None) for uid, s in summaries.items()}
    starts = dict(Enrolment.objects.filter(user_id__in=ids, track=cohort.track).values_list("user_id", "start_date"))
    progress_at, submitted_at = _last_activity(ids) if ids else ({}, {})
    ctx = {
        "today": today,
        "now": timezone.now(),
        "inactive_days": inactive_days,
        "progress_at": progress_at,
        "submitted_at": submitted_at,
    }
    rows = [_learner_row(m, by_learner.get(m.learner_id), starts.get(m.learner_id), ctx) for m in memberships]
    stage_slugs = {slug for row in rows for slug in row["stages"]}
    return rows, sorted(stage_slugs)


def _scope_exercises(cohort: Cohort) -> list[Exercise]:
    items = TrackMilestone.objects.filter(track=cohort.track).values_list("milestone_id", flat=True)
    scope = with_prerequisites(curriculum_graph(), list(items))
    return list(Exercise.objects.filter(active=True, milestone_id__in=scope).select_related("milestone__stage"))


def _exercise_rows(cohort: Cohort, exercises: list[Exercise]) -> list[dict[str, Any]]:
    """Per exercise: learners who tried, passed, failed at least once, and the medians of the time and attempts to
    pass. One aggregate per (learner, exercise), fetched as plain numbers (the seconds computed in SQL): parsing two
    timestamps a row cost more than the query itself."""
    passed = Q(status=SubmissionStatus.PASSED)
    to_pass = ExpressionWrapper(Min("finished_at", filter=passed) - Min("created_at"), output_field=DurationField())
    per_learner = (
        Submission.objects.filter(
            user_id__in=Membership.objects.filter(cohort=cohort).values("learner_id"),
            exercise_id__in=[e.pk for e in exercises],
            counts_against_quota=True,
            status__in=[SubmissionStatus.PASSED, *NOT_PASSED],
        )
        .values("user_id", "exercise_id")
        .annotate(
            seconds=Extract(to_pass, "epoch"),
            pass_attempt=Min("attempt", filter=passed),
            fails=Count("id", filter=Q(status__in=NOT_PASSED)),
        )
        .values_list("exercise_id", "seconds", "pass_attempt", "fails")
    )
    stats: dict[int, list[tuple[int, float | None, int | None, int]]] = {e.pk: [] for e in exercises}
    for row in per_learner:
        stats[row[0]].append(row)
    out = []
    for exercise in exercises:
        rows = stats[exercise.pk]
        passes = [r for r in rows if r[2] is not None]
        hours = [max(float(r[1] or 0), 0) / 3600 for r in passes]
        out.append(
            {
                "exercise": exercise,
                "slug": exercise.slug,
                "milestone": exercise.milestone.slug,
                "tried": len(rows),
                "passed": len(passes),
                "failed": sum(1 for r in rows if r[3]),
                "stuck": len(rows) - len(passes),
                "median_hours_to_pass": _tenths(statistics.median(hours)) if hours else None,
                "median_attempts_to_pass": statistics.median(r[2] for r in passes) if passes else None,
            }
        )
    return out


# What the waiting list shows is a few columns; a submission's code, output and results can be tens of KiB each.
WAITING_DEFERRED = (
    "payload",
    *GRADER_OUTPUT_FIELDS,
    "runtime",
    "error_message",
    "exercise__statement_en",
    "exercise__statement_zh",
    "exercise__starter",
    "exercise__public",
)


def _waiting(cohort: Cohort, now: dt.datetime) -> tuple[list[dict[str, Any]], int]:
    members = Membership.objects.filter(cohort=cohort).values("learner_id")
    queue = awaiting_review(learner_ids=members).select_related("user__profile").defer(*WAITING_DEFERRED)
    rows = []
    for submission in queue[:WAITING_SHOWN]:
        since = submission.finished_at or submission.created_at
        rows.append({"submission": submission, "since": since, "hours": _tenths((now - since).total_seconds() / 3600)})
    count = len(rows) if len(rows) < WAITING_SHOWN else queue.count()
    return rows, count


def cohort_progress_get(
    *,
    cohort: Cohort,
    today: dt.date | None = None,
    inactive_days: int = DEFAULT_INACTIVE_DAYS,
    ordering: str = "name",
) -> CohortProgress:
    """Everything the cohort page shows. `ordering` sorts the learners (see ordering_check); `inactive_days` is the N
    of "not active for N days"."""
    today = today or timezone.localdate()
    titles = {s.slug: s for s in Stage.objects.all()}
    ordering_check(ordering, set(titles))
    learners, stage_slugs = _learners(cohort, today, inactive_days)
    _sort(learners, ordering)
    stages = sorted(
        ({"slug": slug, "stage": titles[slug], "order": titles[slug].order} for slug in stage_slugs if slug in titles),
        key=lambda s: s["order"],
    )
    waiting, waiting_count = _waiting(cohort, timezone.now())
    return CohortProgress(
        cohort=cohort,
        today=today,
        inactive_days=inactive_days,
        ordering=ordering,
        stages=stages,
        learners=learners,
        waiting=waiting,
        waiting_count=waiting_count,
        exercises=_exercise_rows(cohort, _scope_exercises(cohort)),
    )
