"""`{% milestone_exercises milestone as rows %}`: a milestone's exercises with the reader's state on each, for
pages outside this app (planner's milestone page), which then need not import it."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from exercises.selectors import milestone_exercise_states

register = template.Library()

EXERCISE_STATE_LABELS = {
    "not_tried": _("Not tried yet"),
    "queued": _("Queued"),
    "running": _("Running"),
    "passed": _("Passed"),
    "failed": _("Failed"),
    "error": _("Error"),
    "review": _("Awaiting a mentor"),  # an artefact that passed its checks, waiting for its rubric scores
}


@register.simple_tag(takes_context=True)
def milestone_exercises(context: template.Context, milestone: Any) -> list[dict[str, Any]]:
    user = context["request"].user
    return [
        {
            "exercise": exercise,
            "state": exercise.state,
            "label": EXERCISE_STATE_LABELS.get(exercise.state, exercise.state),
            "attempts": exercise.attempts,
        }
        for exercise in milestone_exercise_states(user=user, milestone=milestone)
    ]
