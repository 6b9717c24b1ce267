"""Dated week-by-week plans: generated from the enrolment (the one source of a learner's pace: hours per week,
start and target date), stored, and refreshed when progress changes or a day has passed. The schedule itself
is computed by planner.services.schedule."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import TruncDate
from django.utils import timezone

from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS
from planner.models import Enrolment, Plan, Progress, TrackMilestone
from planner.services.graph import Node, curriculum_graph
from planner.services.schedule import (
    HOURS_PER_WEEK_RANGE,
    TARGET_BEFORE_START,
    Schedule,
    schedule_compute,
    tenths,
)


def _progress_rows(user_ids: list[int], *extra: str) -> Any:
    # The database turns the time into the local date: parsing and converting every timestamp in Python was most of
    # the cost of a batch (20,000 rows for 200 learners).
    day = TruncDate("completed_at", tzinfo=timezone.get_current_timezone())
    return (
        Progress.objects.filter(user_id__in=user_ids)
        .annotate(day=day)
        .values_list("user_id", "milestone_id", "state", "day", *extra)
    )


def progress_maps(user_ids: list[int]) -> dict[int, dict[int, tuple[str, dt.date | None]]]:
    """Per learner: milestone id -> (state, local date it was done), in one query for all of them."""
    out: dict[int, dict[int, tuple[str, dt.date | None]]] = {uid: {} for uid in user_ids}
    for uid, mid, state, done in _progress_rows(user_ids):
        out[uid][mid] = (state, done)
    return out


def progress_map(user_id: int) -> dict[int, tuple[str, dt.date | None]]:
    return progress_maps([user_id])[user_id]


def progress_map_with_evidence(user_id: int) -> tuple[dict[int, tuple[str, dt.date | None]], dict[int, str]]:
    """progress_map, and beside it each milestone's evidence (how a done one was completed; "" when not recorded),
    from the same query."""
    progress: dict[int, tuple[str, dt.date | None]] = {}
    evidence: dict[int, str] = {}
    for _uid, mid, state, done, how in _progress_rows([user_id], "evidence"):
        progress[mid] = (state, done)
        evidence[mid] = how
    return progress, evidence


def items_by_track(track_ids: list[int]) -> dict[int, list[tuple[int, bool]]]:
    out: dict[int, list[tuple[int, bool]]] = {t: [] for t in track_ids}
    for track_id, mid, required in (
        TrackMilestone.objects.filter(track_id__in=track_ids)
        .order_by("track_id", "order", "id")
        .values_list("track_id", "milestone_id", "required")
    ):
        out[track_id].append((mid, required))
    return out


def _json_weeks(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            **w,
            "start": w["start"].isoformat(),
            "end": w["end"].isoformat(),
            "hours": float(w["hours"]),
            "items": [{**i, "hours": float(i["hours"])} for i in w["items"]],
        }
        for w in weeks
    ]


def plan_check(*, hours_per_week: Decimal, start_date: dt.date, target_date: dt.date | None) -> None:
    """Hours per week in range; a target asked for not before the plan's first week."""
    errors = {}
    if not MIN_WEEKLY_HOURS <= hours_per_week <= MAX_WEEKLY_HOURS:
        errors["hours_per_week"] = ValidationError(
            HOURS_PER_WEEK_RANGE, code="hours_per_week_range", params={"min": MIN_WEEKLY_HOURS, "max": MAX_WEEKLY_HOURS}
        )
    if target_date is not None and target_date < start_date:
        errors["target_date"] = ValidationError(TARGET_BEFORE_START, code="target_before_start")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_generate(
    *,
    enrolment: Enrolment,
    hours_per_week: Decimal | float | int | None = None,
    start_date: dt.date | None = None,
    target_date: dt.date | None = None,
    today: dt.date | None = None,
    check_target: bool = True,
) -> Plan:
    """(Re)generate and store the enrolment's plan. Unset arguments come from the enrolment.

    A target date before the start is refused when asked for (`check_target`); one that has since
    passed (a refresh, or the enrolment's own) gives an infeasible plan that says so instead.
    """
    today = today or timezone.localdate()
    hpw = tenths(Decimal(str(hours_per_week if hours_per_week is not None else enrolment.hours_per_week)))
    start = start_date or max(enrolment.start_date, today)
    target = target_date if target_date is not None else enrolment.target_date
    plan_check(hours_per_week=hpw, start_date=start, target_date=target_date if check_target else None)
    schedule = schedule_compute(
        enrolment=enrolment,
        graph=curriculum_graph(),
        items=items_by_track([enrolment.track_id])[enrolment.track_id],
        progress=progress_map(enrolment.user_id),
        hours_per_week=hpw,
        start_date=start,
        target_date=target,
        today=today,
    )
    plan, _ = Plan.objects.update_or_create(enrolment=enrolment, defaults=plan_fields(schedule))
    return plan


def plan_fields(schedule: Schedule) -> dict[str, Any]:
    """A plan's stored fields, from a schedule the caller computed (no queries)."""
    return {
        "start_date": schedule.start_date,
        "hours_per_week": schedule.hours_per_week,
        "pace_hours_per_week": schedule.pace,
        "target_date": schedule.target_date,
        "finish_date": schedule.finish_date,
        "feasible": schedule.feasible,
        "required_hours_per_week": schedule.required_hours_per_week,
        "remaining_hours": schedule.remaining_hours,
        "weeks": _json_weeks(schedule.weeks),
        "message": schedule.message[:300],
    }


def plan_refresh(*, plan: Plan, today: dt.date | None = None) -> Plan:
    """Regenerate with the plan's own settings; a start date that has passed moves to today."""
    today = today or timezone.localdate()
    return plan_generate(
        enrolment=plan.enrolment,
        hours_per_week=plan.hours_per_week,
        start_date=max(plan.start_date, today),
        target_date=plan.target_date,
        today=today,
        check_target=False,
    )


def plans_refresh(
    *,
    user: AbstractBaseUser,
    today: dt.date | None = None,
    graph: dict[int, Node] | None = None,
    progress: dict[int, tuple[str, dt.date | None]] | None = None,
) -> None:
    """Keep a learner's stored plans in step with their progress (called by every progress service), each as
    plan_refresh would, all in three queries: the plans, their tracks' milestones, one UPDATE. `graph` and
    `progress` (progress_map's shape) are read here unless the caller has them already."""
    today = today or timezone.localdate()
    plans = list(Plan.objects.filter(enrolment__user=user).select_related("enrolment"))
    if not plans:
        return
    graph = graph if graph is not None else curriculum_graph()
    progress = progress if progress is not None else progress_map(user.pk)
    items = items_by_track(sorted({plan.enrolment.track_id for plan in plans}))
    now = timezone.now()
    fields: dict[str, Any] = {}
    for plan in plans:
        hpw = tenths(Decimal(str(plan.hours_per_week)))
        start = max(plan.start_date, today)
        plan_check(hours_per_week=hpw, start_date=start, target_date=None)
        schedule = schedule_compute(
            enrolment=plan.enrolment,
            graph=graph,
            items=items[plan.enrolment.track_id],
            progress=progress,
            hours_per_week=hpw,
            start_date=start,
            target_date=plan.target_date if plan.target_date is not None else plan.enrolment.target_date,
            today=today,
        )
        fields = plan_fields(schedule)
        for name, value in fields.items():
            setattr(plan, name, value)
        plan.generated_at = now  # bulk_update does not apply auto_now
    Plan.objects.bulk_update(plans, [*fields, "generated_at"])


def plan_get_fresh(*, enrolment: Enrolment, today: dt.date | None = None) -> Plan:
    """The stored plan, generated on first use and regenerated when it was made on an earlier day."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(enrolment=enrolment).first()
    if plan is None:
        return plan_generate(enrolment=enrolment, today=today)
    if timezone.localtime(plan.generated_at).date() < today:
        return plan_refresh(plan=plan, today=today)
    return plan
