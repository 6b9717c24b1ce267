"""The write side of planner. Import services from here: `from planner.services import milestone_complete`."""

from planner.services.availability import (
    missing_prerequisites,
    progress_ensure,
    progress_recompute,
    progress_recompute_all,
)
from planner.services.completion import milestone_complete, milestone_reopen
from planner.services.enrolments import enrolment_create, enrolment_delete, enrolment_update, plan_update
from planner.services.plans import plan_generate, plan_get_fresh, plan_refresh, plans_refresh
from planner.services.progress import progress_moves, progress_update, self_assessment_apply
from planner.services.schedule import schedule_compute
from planner.services.summary import plan_shortfall, progress_summaries, progress_summary

__all__ = [
    "enrolment_create",
    "enrolment_delete",
    "enrolment_update",
    "milestone_complete",
    "milestone_reopen",
    "missing_prerequisites",
    "plan_generate",
    "plan_get_fresh",
    "plan_refresh",
    "plan_shortfall",
    "plan_update",
    "plans_refresh",
    "progress_ensure",
    "progress_moves",
    "progress_recompute",
    "progress_recompute_all",
    "progress_summaries",
    "progress_summary",
    "progress_update",
    "schedule_compute",
    "self_assessment_apply",
]
