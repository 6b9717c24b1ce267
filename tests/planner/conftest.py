"""A small curriculum for planner tests: one stage, a -> b -> c (chain), d needs a, e optional."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from planner.models import Milestone, Track
from tests.factories import MilestoneFactory, StageFactory, TrackFactory, TrackMilestoneFactory, UserFactory


@dataclass
class Small:
    a: Milestone
    b: Milestone
    c: Milestone
    d: Milestone
    e: Milestone
    track: Track


@pytest.fixture
def small(db) -> Small:
    stage1 = StageFactory(slug="basics", order=1)
    stage2 = StageFactory(slug="advanced", order=2)
    a = MilestoneFactory(slug="a", stage=stage1, order=1, hours=4, completion="self")
    b = MilestoneFactory(slug="b", stage=stage1, order=2, hours=6, completion="self", prerequisites=[a])
    c = MilestoneFactory(slug="c", stage=stage2, order=1, hours=10, completion="auto", prerequisites=[b])
    d = MilestoneFactory(slug="d", stage=stage2, order=2, hours=3, completion="mentor", prerequisites=[a])
    e = MilestoneFactory(slug="e", stage=stage2, order=3, hours=2, completion="self", prerequisites=[])
    track = TrackFactory(slug="small-track")
    for order, (m, required) in enumerate([(a, True), (b, True), (c, True), (d, True), (e, False)], start=1):
        TrackMilestoneFactory(track=track, milestone=m, required=required, order=order)
    return Small(a=a, b=b, c=c, d=d, e=e, track=track)


@pytest.fixture
def learner(db):
    return UserFactory(username="learner")


START = dt.date(2026, 1, 5)  # a Monday
