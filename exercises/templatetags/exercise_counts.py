"""How many exercises a milestone or a stage has, how many of them a program grades, and of what kind, as one line:
"5 exercises, 5 graded automatically: Code 3, Quiz 2". For pages outside this app (the milestone page, the
dashboard's stages), which then need not import it.

    {% exercise_kinds_text rows %}        rows: the milestone page's {% milestone_exercises %} rows
    {% stage_exercises_text stage_slug %} one query per page, however many stages it shows
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from exercises.models import Exercise
from exercises.selectors import exercise_kinds_by_stage

register = template.Library()

# Kinds a mentor scores against a rubric rather than a program.
MENTOR_SCORED_KINDS = frozenset({Exercise.Kind.ARTEFACT})
CACHE_KEY = "exercise_counts.by_stage"


def kinds_text(kinds: dict[str, int]) -> str:
    """The line for these counts per kind; "No exercises yet" for none."""
    total = sum(kinds.values())
    if not total:
        return _("No exercises yet")
    order = {kind: i for i, kind in enumerate(Exercise.Kind.values)}
    labels = dict(Exercise.Kind.choices)
    parts = pgettext("list separator", ", ").join(
        f"{labels.get(kind, kind)} {n}" for kind, n in sorted(kinds.items(), key=lambda kv: order.get(kv[0], 99)) if n
    )
    automatic = sum(n for kind, n in kinds.items() if kind not in MENTOR_SCORED_KINDS)
    text = ngettext("%(n)d exercise", "%(n)d exercises", total) % {"n": total}
    text += _(", %(n)d graded automatically") % {"n": automatic}
    if total - automatic:
        text += _(", %(n)d scored by a mentor") % {"n": total - automatic}
    return _("%(counts)s: %(kinds)s") % {"counts": text, "kinds": parts}


@register.simple_tag
def exercise_kinds_text(rows: list[dict[str, Any]]) -> str:
    return kinds_text(Counter(row["exercise"].kind for row in rows))


@register.simple_tag(takes_context=True)
def stage_exercises_text(context: template.Context, stage_slug: str) -> str:
    by_stage = context.render_context.get(CACHE_KEY)
    if by_stage is None:
        by_stage = context.render_context[CACHE_KEY] = exercise_kinds_by_stage()
    return kinds_text(by_stage.get(stage_slug, {}))
