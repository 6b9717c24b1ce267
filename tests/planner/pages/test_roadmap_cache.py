"""The roadmap SVG is drawn from its template once and then served from the cache, per learner, until something
it is drawn from changes (issue 14)."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.template import Context, Template

from planner.models import Milestone
from planner.selectors import learner_overview_get
from planner.services import progress_update
from planner.templatetags.roadmap import roadmap_cache_key

TAG = Template("{% load roadmap %}{% roadmap overview link=link %}")


def _svg(response) -> str:
    return re.search(r"<svg[^>]*class=\"roadmap-svg\".*?</svg>", response.content.decode(), re.S).group(0)


def _node_classes(svg: str) -> dict[str, str]:
    return dict((slug, state) for state, slug in re.findall(r'class="node state-(\w+)" data-slug="([\w-]+)"', svg))


def test_a_drawn_roadmap_is_kept_and_a_hit_costs_no_queries(world, django_assert_num_queries):
    overview = learner_overview_get(learner_id=world.users["learner"].pk)
    drawn = TAG.render(Context({"overview": overview, "link": True}))
    assert cache.get(roadmap_cache_key(overview, True)) == drawn
    with django_assert_num_queries(0):
        again = TAG.render(Context({"overview": overview, "link": True}))
    assert again == drawn


def test_a_progress_change_shows_on_the_next_dashboard_at_once(world, as_role):
    client = as_role("learner")
    assert _node_classes(_svg(client.get("/"))) == {"a": "available", "b": "locked", "m": "locked"}
    progress_update(user=world.users["learner"], milestone=world.a, state="done")
    assert _node_classes(_svg(client.get("/"))) == {"a": "done", "b": "available", "m": "available"}


def test_a_curriculum_edit_and_the_language_show_at_once(world, as_role):
    client = as_role("learner")
    assert "Alpha basics" in _svg(client.get("/"))
    Milestone.objects.filter(pk=world.a.pk).update(title_en="Alpha, renamed")  # no signal, no service: a bulk edit
    assert "Alpha, renamed" in _svg(client.get("/"))
    assert "阿尔法基础" in _svg(as_role("learner", lang="zh-hans").get("/"))


def test_learners_with_the_same_roadmap_never_share_a_cached_drawing_nor_the_mentor_the_learners(world, as_role):
    lena, otto = world.users["learner"], world.users["other_learner"]
    mine, theirs = learner_overview_get(learner_id=lena.pk), learner_overview_get(learner_id=otto.pk)
    assert sorted(mine.states.values()) == sorted(theirs.states.values()) and mine.scope == theirs.scope
    keys = {roadmap_cache_key(mine, True), roadmap_cache_key(theirs, True), roadmap_cache_key(mine, False)}
    assert len(keys) == 3
    learner_svg = _svg(as_role("learner").get("/"))
    mentor_svg = _svg(as_role("mentor").get(f"/mentor/learners/{lena.pk}/"))
    assert 'href="/milestones/a/"' in learner_svg
    assert "<a " not in mentor_svg and 'data-slug="a"' in mentor_svg
