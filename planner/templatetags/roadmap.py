"""`{% roadmap overview link=True fading=ids %}`: a learner's roadmap (planner.selectors.learner_overview_get) as an
SVG drawn from templates/planner/_roadmap.svg; without `link`, nodes are not links (a mentor's view); `fading`: ids
of done milestones to flag as fading (given by the page: planner does not read the review).

The drawing is cached per learner under a key that is a digest of everything it is drawn from (planner.roadmap.
roadmap_fingerprint: the milestones in scope with their titles, hours, places and prerequisites, the learner's
state on each, the stage titles, the language, `link`, the fading ones). A progress change, an enrolment that widens
the scope, a curriculum reload or an admin's edit of a title changes the digest, so it shows at once, whoever made it
(a service, an import, the admin) and without an invalidation hook to forget. What the cache saves is the layout and
the template (most of a dashboard's CPU); the inputs are what the page reads anyway for its other parts.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from planner.roadmap import NODE_H, NODE_W, roadmap_fingerprint, roadmap_layout

register = template.Library()

# A learner's drawing outlives no day of inactivity: the cache keeps what is read, not every version ever drawn.
ROADMAP_TIMEOUT_S = 24 * 3600


def roadmap_cache_key(overview: Any, link: bool, fading: frozenset[int] = frozenset()) -> str:
    digest = roadmap_fingerprint(
        graph=overview.graph,
        scope=overview.scope,
        states=overview.states,
        stage_titles=overview.stage_titles,
        context=(get_language(), get_script_prefix(), bool(link), tuple(sorted(fading))),
    )
    learner = overview.enrolment.user_id if overview.enrolment is not None else 0
    return f"planner:roadmap:{learner}:{digest}"


@register.simple_tag
def roadmap(overview: Any, link: bool = True, fading: set[int] | None = None) -> SafeString:
    faded = frozenset(fading or ())
    key = roadmap_cache_key(overview, link, faded)
    svg = cache.get(key)
    if svg is None:
        layout = roadmap_layout(
            graph=overview.graph,
            scope=overview.scope,
            states=overview.states,
            stage_titles=overview.stage_titles,
            fading=faded,
        )
        context = {"roadmap": layout, "link": link, "width": NODE_W, "height": NODE_H}
        svg = render_to_string("planner/_roadmap.svg", context)
        cache.set(key, svg, ROADMAP_TIMEOUT_S)
    return mark_safe(svg)  # noqa: S308 (rendered from our template, which escapes every value)
