"""A progress change that re-flows the plans costs at most 10 queries, however many milestones it opens (issue 14:
it was 32 with two plans to refresh). Counted outside a test transaction, as in production (no savepoints)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification
from planner.models import Plan, Progress, ProgressState
from planner.services import enrolment_create, enrolment_update, plan_get_fresh, progress_update
from tests.factories import MilestoneFactory, StageFactory, TrackFactory, TrackMilestoneFactory, UserFactory

MOST = 10  # BEGIN and COMMIT included


def _world(n: int):
    """Two tracks sharing a root milestone `root`; `n` milestones that need only it, split between the tracks,
    and a learner enrolled in both, with both plans stored."""
    stage = StageFactory(slug="s", order=1)
    root = MilestoneFactory(slug="root", stage=stage, order=0, completion="self", hours=2)
    tracks = [TrackFactory(slug="one"), TrackFactory(slug="two")]
    for track in tracks:
        TrackMilestoneFactory(track=track, milestone=root, order=0)
    for i in range(n):
        m = MilestoneFactory(slug=f"m{i}", stage=stage, order=1 + i, completion="self", prerequisites=[root], hours=3)
        TrackMilestoneFactory(track=tracks[i % 2], milestone=m, order=1 + i)
    learner = UserFactory()
    for track in tracks:
        enrolment = enrolment_create(user=learner, track=track, hours_per_week=5, start_date=timezone.localdate())
        plan_get_fresh(enrolment=enrolment)
    return learner, root


@pytest.mark.parametrize("n", [2, 20])
def test_finishing_a_milestone_that_opens_n_more_and_refreshes_two_plans_costs_at_most_10_queries(
    transactional_db, django_assert_max_num_queries, n
):
    learner, root = _world(n)
    before = {p.pk: p.remaining_hours for p in Plan.objects.all()}
    with django_assert_max_num_queries(MOST):
        row = progress_update(user=learner, milestone=root, state=ProgressState.DONE)
    assert (row.state, row.evidence) == ("done", "self")
    states = Progress.objects.filter(user=learner).values_list("milestone__slug", "state")
    assert dict(states) == {"root": "done", **{f"m{i}": "available" for i in range(n)}}
    kinds = Notification.objects.filter(user=learner).exclude(kind="enrolled").values_list("kind", flat=True)
    assert sorted(kinds) == ["milestone_done"] + ["milestone_unlocked"] * n
    after = {p.pk: p.remaining_hours for p in Plan.objects.all()}
    assert sorted(before[pk] - after[pk] for pk in after) == [2, 2]  # the root's hours left both plans


@pytest.mark.parametrize("n", [2, 20])
def test_a_reset_that_locks_n_milestones_again_costs_at_most_10_queries(
    transactional_db, django_assert_max_num_queries, n
):
    learner, root = _world(n)
    progress_update(user=learner, milestone=root, state=ProgressState.DONE)
    with django_assert_max_num_queries(MOST):
        row = progress_update(user=learner, milestone=root, state=ProgressState.AVAILABLE)
    assert row.state == "available"
    states = dict(Progress.objects.filter(user=learner).values_list("milestone__slug", "state"))
    assert states == {"root": "available", **{f"m{i}": "locked" for i in range(n)}}
    assert not Notification.objects.filter(user=learner, kind="milestone_unlocked").exists()


def test_including_optional_milestones_locks_the_learner_before_it_reads_the_rows_it_writes_back(db):
    learner, _ = _world(2)
    enrolment = learner.enrolments.first()
    with CaptureQueriesContext(connection) as ctx:
        enrolment_update(enrolment=enrolment, include_optional=True)
    sql = [q["sql"] for q in ctx.captured_queries]
    lock = next(i for i, q in enumerate(sql) if "FOR UPDATE" in q and '"auth_user"' in q)
    read = next(i for i, q in enumerate(sql) if q.startswith('SELECT "planner_progress"."id"'))
    assert lock < read
