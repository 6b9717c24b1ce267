"""Progress summaries: per track (one per enrolment) and per stage, percent done by hours, hours left and the
projected finish. A read of planner's state, shared by the API, the dashboard and the mentor's pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from planner.models import SATISFIED_STATES, Enrolment
from planner.services.graph import Node, curriculum_graph
from planner.services.plans import items_by_track, progress_maps
from planner.services.schedule import MIN_PACE_DAYS, Schedule, schedule_compute, tenths


def plan_shortfall(summary: dict[str, Any], start: dt.date, today: dt.date) -> tuple[float | None, int | None]:
    """How far one track's summary (track_summary) is behind its plan on `today`: (hours behind the planned pace,
    days the projected finish is past the target). After the two-week grace (MIN_PACE_DAYS from the enrolment's
    `start`), pace = hours done since the start per week; the shortfall is what the planned hours per week would
    have done more in the weeks elapsed, capped at what is left to do (None before the grace). Behind plan means
    either is positive. One rule for the cohort page and the learner's reminders."""
    elapsed = (today - start).days
    hours = None
    pace = summary["pace_hours_per_week"]
    if elapsed >= MIN_PACE_DAYS and pace is not None:
        shortfall = min(max(summary["hours_per_week"] - pace, 0) * elapsed / 7, summary["hours_remaining"])
        hours = round(shortfall + 1e-9, 1)
    finish, target = summary["projected_finish"], summary["target_date"]
    late = (finish - target).days if finish and target and finish > target else None
    return hours, late


def _percent(done: Decimal, total: Decimal) -> float:
    return float(tenths(done * 100 / total)) if total else 100.0


def progress_summary(*, user_id: int, today: dt.date | None = None) -> dict[str, Any]:
    """Per track (one per enrolment) and per stage within it: percent done weighted by hours, hours left,
    projected finish. Uses the stored plan's settings where there is one, the enrolment's otherwise."""
    return progress_summaries(user_ids=[user_id], today=today)[user_id]


def progress_summaries(*, user_ids: list[int], today: dt.date | None = None) -> dict[int, dict[str, Any]]:
    """progress_summary of several learners. Queries: enrolments, curriculum graph (2), track items, progress;
    none per learner, track or stage."""
    today = today or timezone.localdate()
    # A summary reads a plan's settings, never its weeks: a long plan's weeks are tens of KiB of JSON to decode, per
    # learner, on every page that summarises many (the cohort page, the mentor's learners, the digest).
    enrolments = list(
        Enrolment.objects.filter(user_id__in=user_ids).select_related("track", "plan").defer("plan__weeks")
    )
    out: dict[int, dict[str, Any]] = {uid: {"user": uid, "tracks": []} for uid in user_ids}
    if not enrolments:
        return out
    graph = curriculum_graph()
    items = items_by_track(sorted({e.track_id for e in enrolments}))
    progress = progress_maps(sorted({e.user_id for e in enrolments}))
    for enrolment in enrolments:
        out[enrolment.user_id]["tracks"].append(
            track_summary(enrolment, graph, items, progress[enrolment.user_id], today)
        )
    return out


def track_summary(
    enrolment: Enrolment,
    graph: dict[int, Node],
    items: dict[int, list[tuple[int, bool]]],
    progress: dict[int, tuple[str, dt.date | None]],
    today: dt.date,
) -> dict[str, Any]:
    """One enrolment's summary from what the caller read (no queries): `items` by track (items_by_track),
    `progress` the learner's (progress_map)."""
    return _track_summary(enrolment, graph, items[enrolment.track_id], progress, today)


def _settings(enrolment: Enrolment, today: dt.date) -> tuple[Decimal, dt.date, dt.date | None]:
    plan = getattr(enrolment, "plan", None)
    source = plan if plan is not None else enrolment
    return tenths(Decimal(str(source.hours_per_week))), max(source.start_date, today), source.target_date


def _stage_rows(s: Schedule) -> list[dict[str, Any]]:
    stages: dict[int, dict[str, Any]] = {}
    for node in sorted(s.scope, key=lambda n: n.sort_key):
        st = stages.setdefault(
            node.stage_id,
            {
                "slug": node.stage_slug,
                "order": node.stage_order,
                "total": Decimal(0),
                "done": Decimal(0),
                "milestones": 0,
                "milestones_done": 0,
            },
        )
        st["total"] += node.hours
        st["milestones"] += 1
        if s.states[node.id] in SATISFIED_STATES:
            st["done"] += node.hours
            st["milestones_done"] += 1
    return [
        {
            "stage": st["slug"],
            "order": st["order"],
            "milestones": st["milestones"],
            "milestones_done": st["milestones_done"],
            "hours_total": float(st["total"]),
            "hours_done": float(st["done"]),
            "hours_remaining": float(st["total"] - st["done"]),
            "percent_done": _percent(st["done"], st["total"]),
            "projected_finish": s.stage_finish.get(stage_id),
        }
        for stage_id, st in sorted(stages.items(), key=lambda kv: kv[1]["order"])
    ]


def _track_summary(
    enrolment: Enrolment,
    graph: dict[int, Node],
    items: list[tuple[int, bool]],
    progress: dict[int, tuple[str, dt.date | None]],
    today: dt.date,
) -> dict[str, Any]:
    hpw, start, target = _settings(enrolment, today)
    s = schedule_compute(
        enrolment=enrolment,
        graph=graph,
        items=items,
        progress=progress,
        hours_per_week=hpw,
        start_date=start,
        target_date=target,
        today=today,
        with_weeks=False,
    )
    total, remaining = s.total_hours, s.remaining_hours
    return {
        "enrolment": enrolment.pk,
        "track": enrolment.track.slug,
        "title_en": enrolment.track.title_en,
        "title_zh": enrolment.track.title_zh,
        "milestones": len(s.scope),
        "milestones_done": sum(1 for n in s.scope if s.states[n.id] in SATISFIED_STATES),
        "hours_total": float(total),
        "hours_done": float(total - remaining),
        "hours_remaining": float(remaining),
        "percent_done": _percent(total - remaining, total),
        "hours_per_week": float(hpw),
        "pace_hours_per_week": float(s.pace) if s.pace is not None else None,
        "projected_finish": s.finish_date,
        "target_date": target,
        "feasible": s.feasible,
        "stages": _stage_rows(s),
    }
