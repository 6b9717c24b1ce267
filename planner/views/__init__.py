"""Server-rendered planner pages: the learner's dashboard (roadmap graph, progress, next steps), enrolment,
self-assessment, the dated plan, milestone pages, and the mentor's view of their learners.

Views parse the request, call planner services/selectors and render; the rules live in the services and
in planner.permissions. A page about someone a user may not see answers 404, never 403, so it reveals nothing.
"""

from planner.views.common import bilingual, error_messages, is_zh, translate
from planner.views.learner import (
    dashboard,
    enrol,
    learner_overview,
    milestone_detail,
    milestone_state,
    plan,
    self_assessment,
)
from planner.views.mentor import mentor_home, mentor_learner, mentor_sign_off
from planner.views.roadmap import roadmap_svg

__all__ = [
    "bilingual",
    "dashboard",
    "enrol",
    "error_messages",
    "is_zh",
    "learner_overview",
    "mentor_home",
    "mentor_learner",
    "mentor_sign_off",
    "milestone_detail",
    "milestone_state",
    "plan",
    "roadmap_svg",
    "self_assessment",
    "translate",
]
