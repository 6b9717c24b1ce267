"""The pure part of planning: a schedule from the curriculum graph, the track and the learner's progress, with no
queries (plans.py stores it; summary.py reports it).

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

from django.utils.translation import gettext_lazy as _

from config.bounds import MIN_WEEKLY_HOURS
from planner.models import SATISFIED_STATES, Enrolment, ProgressState
from planner.services.graph import Node, topological, with_prerequisites

MIN_PACE_DAYS = 14
MIN_HOURS_PER_WEEK = Decimal(MIN_WEEKLY_HOURS)  # the slowest pace a schedule lays hours at
TENTH = Decimal("0.1")

HOURS_PER_WEEK_RANGE = _("Hours per week must be between %(min)s and %(max)s.")
TARGET_BEFORE_START = _("The target date must not be before the start date.")
# The plan's summary as stored in Plan.message (English, for API clients); the plan page words it from the
# plan's own fields in the reader's language.
ALL_DONE = "Every milestone of this track is done or skipped."
PLAN_ON_TRACK = "On track: {hours} h left at {rate} h/week, finishing by {finish}."
PLAN_AT_PACE = (
    "Re-planned at your pace of {pace} h/week (planned {planned} h/week): {hours} h left, finishing by {finish}."
)
PLAN_INFEASIBLE = (
    "The target date {target} cannot be met: {hours} h left at {rate} h/week finish on {finish}. "
    "{required} h/week would meet it."
)
TARGET_PASSED = "The target date {target} has passed: {hours} h are left. Set a new target date."
PLAN_INFEASIBLE_TOO_CLOSE = (
    "The target date {target} cannot be met: {hours} h left and less than a week until the target."
)


def tenths(value: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
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


def _layout(
    remaining: list[Node], rate: Decimal, start: dt.date, *, with_weeks: bool = True
) -> tuple[list[dict[str, Any]], dict[int, dt.date], int]:
    """Weeks of `rate` hours filled in order (a milestone longer than what is left of a week continues in the next),
    each stage's finish (the end of the week its last hour falls in) and the number of weeks. A milestone whose hours
    end `laid` hours into the plan ends in week ceil(laid / rate), which gives the dates without building the weeks:
    a summary asks for the dates only (`with_weeks=False`), a plan for the weeks too."""
    weeks: list[dict[str, Any]] = []
    stage_finish: dict[int, dt.date] = {}
    laid = Decimal(0)
    for node in remaining:
        if node.hours <= 0:
            continue
        if with_weeks:
            _fill(weeks, node, rate, start)
        laid += node.hours
        stage_finish[node.stage_id] = _week_end(start, _week_of(laid, rate))
    return weeks, stage_finish, _week_of(laid, rate)


def _week_of(laid: Decimal, rate: Decimal) -> int:
    return int((laid / rate).to_integral_value(ROUND_CEILING))


def _week_end(start: dt.date, number: int) -> dt.date:
    return start + dt.timedelta(days=7 * number - 1)


def _fill(weeks: list[dict[str, Any]], node: Node, rate: Decimal, start: dt.date) -> None:
    """Lay `node`'s hours into the last week while it has room, then into new ones."""
    todo = node.hours
    while todo > 0:
        if not weeks or rate - weeks[-1]["hours"] <= 0:
            begin = start + dt.timedelta(days=7 * len(weeks))
            weeks.append(
                {
                    "week": len(weeks) + 1,
                    "start": begin,
                    "end": begin + dt.timedelta(days=6),
                    "hours": Decimal(0),
                    "items": [],
                }
            )
        week = weeks[-1]
        chunk = min(todo, rate - week["hours"])
        week["items"].append(
            {
                "slug": node.slug,
                "title_en": node.title_en,
                "title_zh": node.title_zh,
                "stage": node.stage_slug,
                "hours": chunk,
            }
        )
        week["hours"] += chunk
        todo -= chunk


def _pace(enrolment: Enrolment, scope: list[Node], done_on: dict[int, dt.date], today: dt.date) -> Decimal | None:
    elapsed = (today - enrolment.start_date).days
    if elapsed < MIN_PACE_DAYS:
        return None
    hours = sum((n.hours for n in scope if (d := done_on.get(n.id)) and enrolment.start_date <= d <= today), Decimal(0))
    return tenths(hours * 7 / elapsed)


# The scope of each selection of milestones in plan order, for the graph it was ordered on: every learner of a
# track shares one, and a mentor's page or a digest computes it for each of them. At most _ORDERS_KEPT selections.
_orders: dict[tuple[int, ...], tuple[dict[int, Node], frozenset[int], tuple[Node, ...]]] = {}
_ORDERS_KEPT = 64


def _scope_in_order(graph: dict[int, Node], selected: tuple[int, ...]) -> tuple[frozenset[int], list[Node]]:
    """`selected` with their prerequisites, and those in topological order. Remembered while the graph is the same
    object (curriculum_kept hands out one per curriculum version; a graph read in a transaction is new each time)."""
    found = _orders.get(selected)
    if found is not None and found[0] is graph:
        return found[1], list(found[2])
    ids = frozenset(with_prerequisites(graph, selected))
    order = tuple(topological(graph, ids))
    if len(_orders) >= _ORDERS_KEPT:
        _orders.clear()
    _orders[selected] = (graph, ids, order)
    return ids, list(order)


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
    with_weeks: bool = True,
) -> Schedule:
    """The pure part of planning: no queries. `items`: (milestone id, required) of the track;
    `progress`: milestone id -> (state, date done). `with_weeks=False`: the dates and figures without the weeks
    (a summary's: the same arithmetic, without a dict per week and milestone)."""
    selected = tuple(mid for mid, required in items if required or enrolment.include_optional)
    scope_ids, scope = _scope_in_order(graph, selected)
    states = {mid: progress.get(mid, (ProgressState.LOCKED, None))[0] for mid in scope_ids}
    remaining = [n for n in scope if states[n.id] not in SATISFIED_STATES]
    done_on = {mid: d for mid, (state, d) in progress.items() if state == ProgressState.DONE and d}
    pace = _pace(enrolment, scope, done_on, today)
    rate = hours_per_week
    if pace is not None and Decimal(0) < pace < hours_per_week:
        rate = max(pace, MIN_HOURS_PER_WEEK)
    schedule = Schedule(
        start_date=start_date,
        hours_per_week=hours_per_week,
        rate=rate,
        pace=pace,
        target_date=target_date,
        scope=scope,
        states=states,
        remaining=remaining,
    )
    schedule.weeks, schedule.stage_finish, weeks = _layout(remaining, rate, start_date, with_weeks=with_weeks)
    if not weeks:
        schedule.message = ALL_DONE
        return schedule
    schedule.finish_date = _week_end(start_date, weeks)
    _judge(schedule)
    return schedule


def _judge(schedule: Schedule) -> None:
    """The finish against the target: feasible or not, the hours per week that would meet it, and the message."""
    hours, finish, target, rate = schedule.remaining_hours, schedule.finish_date, schedule.target_date, schedule.rate
    if rate != schedule.hours_per_week:
        planned = schedule.hours_per_week
        schedule.message = PLAN_AT_PACE.format(pace=schedule.pace, planned=planned, hours=hours, finish=finish)
    else:
        schedule.message = PLAN_ON_TRACK.format(hours=hours, rate=rate, finish=finish)
    if target is None:
        return
    whole_weeks = ((target - schedule.start_date).days + 1) // 7
    if whole_weeks >= 1:
        schedule.required_hours_per_week = tenths(hours / whole_weeks, ROUND_CEILING)
    if finish <= target:
        return
    schedule.feasible = False
    if target < schedule.start_date:
        schedule.message = TARGET_PASSED.format(target=target, hours=hours)
    elif schedule.required_hours_per_week is None:
        schedule.message = PLAN_INFEASIBLE_TOO_CLOSE.format(target=target, hours=hours)
    else:
        schedule.message = PLAN_INFEASIBLE.format(
            target=target, hours=hours, rate=rate, finish=finish, required=schedule.required_hours_per_week
        )
