"""The write side of planner. Import services from here: `from planner.services import milestone_complete`."""

from planner.services.enrolments import enrolment_create, enrolment_delete, enrolment_update
from planner.services.plans import (
    plan_generate,
    plan_get_fresh,
    plan_refresh,
    plans_refresh,
    progress_summary,
    schedule_compute,
)
from planner.services.progress import (
    milestone_complete,
    milestone_sign_off,
    progress_ensure,
    progress_recompute,
    progress_recompute_all,
    progress_update,
    self_assessment_apply,
)

__all__ = [
    "enrolment_create",
    "enrolment_delete",
    "enrolment_update",
    "milestone_complete",
    "milestone_sign_off",
    "plan_generate",
    "plan_get_fresh",
    "plan_refresh",
    "plans_refresh",
    "progress_ensure",
    "progress_recompute",
    "progress_recompute_all",
    "progress_summary",
    "progress_update",
    "schedule_compute",
    "self_assessment_apply",
]
