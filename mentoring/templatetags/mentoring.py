"""`{% mentoring_card %}`: the dashboard's card pointing a mentor (often not a learner here) to their work.

A tag, so planner's dashboard shows it without planner importing exercises or this app."""

from __future__ import annotations

from typing import Any

from django import template

from exercises.selectors import review_queue
from mentoring.selectors import can_mentor

register = template.Library()


@register.inclusion_tag("mentoring/_card.html", takes_context=True)
def mentoring_card(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    if not can_mentor(user):
        return {"mentoring": None}
    return {"mentoring": {"waiting": review_queue(mentor=user).count()}}
