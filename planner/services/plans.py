"""Dated week-by-week plans and progress summaries.

What is scheduled: the track's required milestones (and its optional ones when the enrolment includes
them) with all their transitive prerequisites, less what the learner has done or skipped; prerequisites
first, then by stage and order. Each week holds at most the weekly hours; a milestone longer than what
is left of a week continues in the next one. Week 1 starts on the plan's start date: the date asked
for, else the later of the enrolment's start and today (so missed weeks push the plan forward).

Pace (re-flow rule): once two weeks or more have passed since the enrolment started,
pace = hours of the scope's milestones done (not skipped) since the start / weeks elapsed.
- pace below the planned hours per week (falling behind): the remaining weeks are laid out at the
  pace (at least 1 h/week), so the projected finish is what the learner's real rhythm gives;
- pace at or above the plan (getting ahead): the plan keeps the planned hours per week (a week never
  holds more than the learner said they have); being ahead shows as fewer hours left and an earlier finish;
- before two weeks, or with nothing done yet, the planned hours per week are used.
If a target date is set and the finish falls after it, the plan says so (feasible=False, a message) and
gives the hours per week that would finish by the target (remaining hours / whole weeks until it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from planner.models import SATISFIED_STATES, Enrolment, Plan, Progress, ProgressState, TrackMilestone
from planner.services.graph import Node, curriculum_graph, topological, with_prerequisites

MIN_PACE_DAYS = 14
MIN_HOURS_PER_WEEK = Decimal("1")
MAX_HOURS_PER_WEEK = Decimal("100")
TENTH = Decimal("0.1")

HOURS_PER_WEEK_RANGE = "Hours per week must be between 1 and 100."
TARGET_BEFORE_START = "The target date must not be before the start date."
ALL_DONE = "Every milestone of this track is done or skipped."
PLAN_ON_TRACK = "On track: {hours} h left at {rate} h/week, finishing by {finish}."
PLAN_AT_PACE = ("Re-planned at your pace of {pace} h/week (planned {planned} h/week): {hours} h left, "
                "finishing by {finish}.")
PLAN_INFEASIBLE = ("The target date {target} cannot be met: {hours} h left at {rate} h/week finish on {finish}. "
                   "{required} h/week would meet it.")
TARGET_PASSED = "The target date {target} has passed: {hours} h are left. Set a new target date."
PLAN_INFEASIBLE_TOO_CLOSE = ("The target date {target} cannot be met: {hours} h left and less than a week "
                             "until the target.")


def _tenths(value: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    return value.quantize(TENTH, rounding=rounding)


@dataclass
class Schedule:
    """A computed plan (not saved): what plan_generate stores and summaries report."""

    start_date: dt.date
    hours_per_week: Decimal
    rate: Decimal
    pace: Decimal | None
    target_date: dt.date | None
    scope: list[Node]
    states: dict[int, str]
    remaining: list[Node]
    weeks: list[dict[str, Any]] = field(default_factory=list)
    finish_date: dt.date | None = None
    feasible: bool = True
    required_hours_per_week: Decimal | None = None
    message: str = ""
    stage_finish: dict[int, dt.date] = field(default_factory=dict)

    @property
    def remaining_hours(self) -> Decimal:
        return sum((n.hours for n in self.remaining), Decimal(0))

    @property
    def total_hours(self) -> Decimal:
        return sum((n.hours for n in self.scope), Decimal(0))


def _layout(remaining: list[Node], rate: Decimal, start: dt.date) -> tuple[list[dict[str, Any]], dict[int, dt.date]]:
    weeks: list[dict[str, Any]] = []
    stage_finish: dict[int, dt.date] = {}
    week: dict[str, Any] | None = None
    left = Decimal(0)
    for node in remaining:
        todo = node.hours
        while todo > 0:
            if week is None or left <= 0:
                number = len(weeks) + 1
                begin = start + dt.timedelta(days=7 * (number - 1))
                week = {"week": number, "start": begin, "end": begin + dt.timedelta(days=6),
                        "hours": Decimal(0), "items": []}
                weeks.append(week)
                left = rate
            chunk = min(todo, left)
            week["items"].append({"slug": node.slug, "title_en": node.title_en, "title_zh": node.title_zh,
                                  "stage": node.stage_slug, "hours": chunk})
            week["hours"] += chunk
            left -= chunk
            todo -= chunk
            stage_finish[node.stage_id] = week["end"]
    return weeks, stage_finish


def _pace(enrolment: Enrolment, scope: list[Node], done_on: dict[int, dt.date], today: dt.date) -> Decimal | None:
    elapsed = (today - enrolment.start_date).days
    if elapsed < MIN_PACE_DAYS:
        return None
    hours = sum((n.hours for n in scope if (d := done_on.get(n.id)) and enrolment.start_date <= d <= today),
                Decimal(0))
    return _tenths(hours * 7 / elapsed)


def schedule_compute(
    *,
    enrolment: Enrolment,
    graph: dict[int, Node],
    items: list[tuple[int, bool]],
    progress: dict[int, tuple[str, dt.date | None]],
    hours_per_week: Decimal,
    start_date: dt.date,
    target_date: dt.date | None,
    today: dt.date,
) -> Schedule:
    """The pure part of planning: no queries. `items`: (milestone id, required) of the track;
    `progress`: milestone id -> (state, date done)."""
    selected = [mid for mid, required in items if required or enrolment.include_optional]
    scope_ids = with_prerequisites(graph, selected)
    states = {mid: progress.get(mid, (ProgressState.LOCKED, None))[0] for mid in scope_ids}
    scope = topological(graph, scope_ids)
    remaining = [n for n in scope if states[n.id] not in SATISFIED_STATES]
    done_on = {mid: d for mid, (state, d) in progress.items() if state == ProgressState.DONE and d}
    pace = _pace(enrolment, scope, done_on, today)
    rate = hours_per_week
    if pace is not None and Decimal(0) < pace < hours_per_week:
        rate = max(pace, MIN_HOURS_PER_WEEK)
    schedule = Schedule(
        start_date=start_date, hours_per_week=hours_per_week, rate=rate, pace=pace, target_date=target_date,
        scope=scope, states=states, remaining=remaining,
    )
    schedule.weeks, schedule.stage_finish = _layout(remaining, rate, start_date)
    hours = schedule.remaining_hours
    if not schedule.weeks:
        schedule.message = ALL_DONE
        return schedule
    schedule.finish_date = schedule.weeks[-1]["end"]
    finish = schedule.finish_date
    if rate != hours_per_week:
        schedule.message = PLAN_AT_PACE.format(pace=pace, planned=hours_per_week, hours=hours, finish=finish)
    else:
        schedule.message = PLAN_ON_TRACK.format(hours=hours, rate=rate, finish=finish)
    if target_date is not None:
        whole_weeks = ((target_date - start_date).days + 1) // 7
        if whole_weeks >= 1:
            schedule.required_hours_per_week = _tenths(hours / whole_weeks, ROUND_CEILING)
        if finish > target_date:
            schedule.feasible = False
            if target_date < start_date:
                schedule.message = TARGET_PASSED.format(target=target_date, hours=hours)
            elif schedule.required_hours_per_week is None:
                schedule.message = PLAN_INFEASIBLE_TOO_CLOSE.format(target=target_date, hours=hours)
            else:
                schedule.message = PLAN_INFEASIBLE.format(
                    target=target_date, hours=hours, rate=rate, finish=finish,
                    required=schedule.required_hours_per_week,
                )
    return schedule


def _progress_map(user_id: int) -> dict[int, tuple[str, dt.date | None]]:
    tz = timezone.get_current_timezone()
    return {
        mid: (state, timezone.localtime(done, tz).date() if done else None)
        for mid, state, done in Progress.objects.filter(user_id=user_id).values_list(
            "milestone_id", "state", "completed_at"
        )
    }


def _items_by_track(track_ids: list[int]) -> dict[int, list[tuple[int, bool]]]:
    out: dict[int, list[tuple[int, bool]]] = {t: [] for t in track_ids}
    for track_id, mid, required in TrackMilestone.objects.filter(track_id__in=track_ids).order_by(
        "track_id", "order", "id"
    ).values_list("track_id", "milestone_id", "required"):
        out[track_id].append((mid, required))
    return out


def _json_weeks(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**w, "start": w["start"].isoformat(), "end": w["end"].isoformat(), "hours": float(w["hours"]),
         "items": [{**i, "hours": float(i["hours"])} for i in w["items"]]}
        for w in weeks
    ]


def _validate(hours_per_week: Decimal, start_date: dt.date, target_date: dt.date | None) -> None:
    errors = {}
    if not MIN_HOURS_PER_WEEK <= hours_per_week <= MAX_HOURS_PER_WEEK:
        errors["hours_per_week"] = [HOURS_PER_WEEK_RANGE]
    if target_date is not None and target_date < start_date:
        errors["target_date"] = [TARGET_BEFORE_START]
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
    hpw = _tenths(Decimal(str(hours_per_week if hours_per_week is not None else enrolment.hours_per_week)))
    start = start_date or max(enrolment.start_date, today)
    target = target_date if target_date is not None else enrolment.target_date
    _validate(hpw, start, target_date if check_target else None)
    schedule = schedule_compute(
        enrolment=enrolment, graph=curriculum_graph(), items=_items_by_track([enrolment.track_id])[enrolment.track_id],
        progress=_progress_map(enrolment.user_id), hours_per_week=hpw, start_date=start, target_date=target,
        today=today,
    )
    plan, _ = Plan.objects.update_or_create(enrolment=enrolment, defaults={
        "start_date": start,
        "hours_per_week": hpw,
        "pace_hours_per_week": schedule.pace,
        "target_date": target,
        "finish_date": schedule.finish_date,
        "feasible": schedule.feasible,
        "required_hours_per_week": schedule.required_hours_per_week,
        "remaining_hours": schedule.remaining_hours,
        "weeks": _json_weeks(schedule.weeks),
        "message": schedule.message[:300],
    })
    return plan


def plan_refresh(*, plan: Plan, today: dt.date | None = None) -> Plan:
    """Regenerate with the plan's own settings; a start date that has passed moves to today."""
    today = today or timezone.localdate()
    return plan_generate(
        enrolment=plan.enrolment, hours_per_week=plan.hours_per_week, start_date=max(plan.start_date, today),
        target_date=plan.target_date, today=today, check_target=False,
    )


def plans_refresh(*, user: AbstractBaseUser, today: dt.date | None = None) -> None:
    """Keep a learner's stored plans in step with their progress (called by every progress service)."""
    for plan in Plan.objects.filter(enrolment__user=user).select_related("enrolment"):
        plan_refresh(plan=plan, today=today)


def plan_get_fresh(*, enrolment: Enrolment, today: dt.date | None = None) -> Plan:
    """The stored plan, generated on first use and regenerated when it was made on an earlier day."""
    today = today or timezone.localdate()
    plan = Plan.objects.filter(enrolment=enrolment).first()
    if plan is None:
        return plan_generate(enrolment=enrolment, today=today)
    if timezone.localtime(plan.generated_at).date() < today:
        return plan_refresh(plan=plan, today=today)
    return plan


def _percent(done: Decimal, total: Decimal) -> float:
    return float(_tenths(done * 100 / total)) if total else 100.0


def progress_summary(*, user_id: int, today: dt.date | None = None) -> dict[str, Any]:
    """Per track (one per enrolment) and per stage within it: percent done weighted by hours, hours left,
    projected finish. Uses the stored plan's settings where there is one, the enrolment's otherwise.
    Queries: enrolments, curriculum graph (2), track items, progress; none per track or stage."""
    today = today or timezone.localdate()
    enrolments = list(Enrolment.objects.filter(user_id=user_id).select_related("track", "plan"))
    if not enrolments:
        return {"user": user_id, "tracks": []}
    graph = curriculum_graph()
    items = _items_by_track([e.track_id for e in enrolments])
    progress = _progress_map(user_id)
    tracks = []
    for enrolment in enrolments:
        plan = getattr(enrolment, "plan", None)
        if plan is not None:
            hpw, start, target = plan.hours_per_week, max(plan.start_date, today), plan.target_date
        else:
            hpw, start, target = enrolment.hours_per_week, max(enrolment.start_date, today), enrolment.target_date
        hpw = _tenths(Decimal(str(hpw)))
        s = schedule_compute(enrolment=enrolment, graph=graph, items=items[enrolment.track_id], progress=progress,
                             hours_per_week=hpw, start_date=start, target_date=target, today=today)
        stages: dict[int, dict[str, Any]] = {}
        for node in sorted(s.scope, key=lambda n: n.sort_key):
            st = stages.setdefault(node.stage_id, {"slug": node.stage_slug, "order": node.stage_order,
                                                   "total": Decimal(0), "done": Decimal(0), "milestones": 0,
                                                   "milestones_done": 0})
            st["total"] += node.hours
            st["milestones"] += 1
            if s.states[node.id] in SATISFIED_STATES:
                st["done"] += node.hours
                st["milestones_done"] += 1
        stage_rows = [
            {
                "stage": st["slug"], "order": st["order"], "milestones": st["milestones"],
                "milestones_done": st["milestones_done"], "hours_total": float(st["total"]),
                "hours_done": float(st["done"]), "hours_remaining": float(st["total"] - st["done"]),
                "percent_done": _percent(st["done"], st["total"]),
                "projected_finish": s.stage_finish.get(stage_id),
            }
            for stage_id, st in sorted(stages.items(), key=lambda kv: kv[1]["order"])
        ]
        total, remaining = s.total_hours, s.remaining_hours
        tracks.append({
            "enrolment": enrolment.pk, "track": enrolment.track.slug, "title_en": enrolment.track.title_en,
            "title_zh": enrolment.track.title_zh, "milestones": len(s.scope),
            "milestones_done": sum(1 for n in s.scope if s.states[n.id] in SATISFIED_STATES),
            "hours_total": float(total), "hours_done": float(total - remaining),
            "hours_remaining": float(remaining), "percent_done": _percent(total - remaining, total),
            "hours_per_week": float(hpw), "pace_hours_per_week": float(s.pace) if s.pace is not None else None,
            "projected_finish": s.finish_date, "target_date": target, "feasible": s.feasible,
            "stages": stage_rows,
        })
    return {"user": user_id, "tracks": tracks}
