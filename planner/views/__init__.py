"""Server-rendered planner pages: the learner's dashboard (roadmap graph, progress, next steps), enrolment,
self-assessment, the dated plan, milestone pages.

Views parse the request, call planner services/selectors and render; the rules live in the services and
in planner.permissions. A page about someone a user may not see answers 404, never 403, so it reveals nothing.
"""

from planner.views.learner import (
    dashboard,
    enrol,
    milestone_detail,
    milestone_state,
    plan,
    self_assessment,
)

__all__ = [
    "dashboard",
    "enrol",
    "milestone_detail",
    "milestone_state",
    "plan",
    "self_assessment",
]
