"""The plan's week layout (planner.services.schedule._layout): the dates a summary computes without the weeks are the
dates of the weeks a plan lays out, and the hours go where the week-filling loop the planner has always used (kept
here as the oracle) put them, to the Decimal; each item names its milestone and stage as the milestone does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.services.graph import Node
from planner.services.schedule import _layout

START = dt.date(2026, 3, 2)


def oracle(remaining: list[Node], rate: Decimal, start: dt.date) -> tuple[list[dict[str, Any]], dict[int, dt.date]]:
    """The loop as it was before the dates-only path: a week opens when the last one is full. Its items are
    (slug, hours), where the hours go; what else an item says is its milestone's (`assert_named`)."""
    weeks: list[dict[str, Any]] = []
    stage_finish: dict[int, dt.date] = {}
    week: dict[str, Any] | None = None
    left = Decimal(0)
    for node in remaining:
        todo = node.hours
        while todo > 0:
            if week is None or left <= 0:
                begin = start + dt.timedelta(days=7 * len(weeks))
                week = {"week": len(weeks) + 1, "start": begin, "end": begin + dt.timedelta(days=6)}
                week |= {"hours": Decimal(0), "items": []}
                weeks.append(week)
                left = rate
            chunk = min(todo, left)
            week["items"].append((node.slug, chunk))
            week["hours"] += chunk
            left -= chunk
            todo -= chunk
            stage_finish[node.stage_id] = week["end"]
    return weeks, stage_finish


def laid(weeks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The weeks with their items as the oracle writes them: (slug, hours)."""
    return [{**week, "items": [(item["slug"], item["hours"]) for item in week["items"]]} for week in weeks]


def assert_named(weeks: list[dict[str, Any]], remaining: list[Node]) -> None:
    """Every item says its milestone's slug, both titles and stage slug, and its hours: nothing else."""
    milestones = {node.slug: node for node in remaining}
    for item in [item for week in weeks for item in week["items"]]:
        node = milestones[item["slug"]]
        assert item.keys() == {"slug", "title_en", "title_zh", "stage", "hours"}, item
        assert (item["title_en"], item["title_zh"], item["stage"]) == (node.title_en, node.title_zh, node.stage_slug)


def node(n: int, hours: Decimal, stage: int) -> Node:
    return Node(n, f"m{n}", f"M{n}", f"里程碑{n}", hours, "self", stage, f"s{stage}", stage, n, ())


tenths = st.integers(min_value=0, max_value=400).map(lambda t: Decimal(t) / 10)
rates = st.one_of(
    st.integers(min_value=10, max_value=1000).map(lambda t: Decimal(t) / 10),  # a plan's hours: one decimal
    st.integers(min_value=1, max_value=100).map(Decimal),  # a floor of whole hours (MIN_HOURS_PER_WEEK)
)
milestones = st.lists(st.tuples(tenths, st.integers(min_value=1, max_value=6)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(milestones, rates)
def test_the_weeks_and_the_dates_are_the_loops_and_agree_without_the_weeks(rows, rate):
    remaining = [node(n, hours, stage) for n, (hours, stage) in enumerate(rows)]
    weeks, stage_finish, count = _layout(remaining, rate, START)
    expected_weeks, expected_finish = oracle(remaining, rate, START)
    assert laid(weeks) == expected_weeks
    assert_named(weeks, remaining)
    assert [str(w["hours"]) for w in weeks] == [str(w["hours"]) for w in expected_weeks]  # the Decimal's digits too
    assert stage_finish == expected_finish and count == len(expected_weeks)
    assert _layout(remaining, rate, START, with_weeks=False) == ([], expected_finish, len(expected_weeks))


def test_a_milestone_longer_than_a_week_continues_and_zero_hours_lay_nothing():
    remaining = [node(1, Decimal("2.5"), 1), node(2, Decimal("0"), 2), node(3, Decimal("7.5"), 3)]
    weeks, stage_finish, count = _layout(remaining, Decimal("4.0"), START)
    assert [(w["week"], [(i["slug"], str(i["hours"])) for i in w["items"]]) for w in weeks] == [
        (1, [("m1", "2.5"), ("m3", "1.5")]),
        (2, [("m3", "4.0")]),
        (3, [("m3", "2.0")]),
    ]
    assert count == 3 and stage_finish == {1: START + dt.timedelta(days=6), 3: START + dt.timedelta(days=20)}
