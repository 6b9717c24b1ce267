"""The data migration that turns stored English sentences into kind + targets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0001_initial"), ("exercises", "0001_initial"), ("planner", "0001_initial")]
AFTER = [("accounts", "0002_notification_kind_params_targets")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_schema_after():
    """Whatever the test migrates to, the database ends at the latest migrations for the tests after it."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_existing_notifications_get_their_targets_and_orphans_are_dropped():
    old = _migrate(BEFORE)
    User = old.get_model("auth", "User")
    Stage = old.get_model("planner", "Stage")
    Milestone = old.get_model("planner", "Milestone")
    Exercise = old.get_model("exercises", "Exercise")
    Submission = old.get_model("exercises", "Submission")
    Review = old.get_model("exercises", "Review")
    Notification = old.get_model("accounts", "Notification")
    lena, mira = User.objects.create(username="lena"), User.objects.create(username="mira")
    stage = Stage.objects.create(slug="s", order=1, title_en="S", title_zh="S")
    milestone = Milestone.objects.create(slug="alpha", stage=stage, hours=1, title_en="Alpha", title_zh="阿")
    exercise = Exercise.objects.create(
        slug="add-one", milestone=milestone, kind="code", sha256="0" * 64, title_en="Add one", title_zh="加一",
        statement_en="x", statement_zh="x", limits={},
    )  # fmt: skip
    submission = Submission.objects.create(user=lena, exercise=exercise, attempt=1, exercise_sha256="0" * 64)
    early = Review.objects.create(submission=submission, mentor=mira, verdict="comment", body="first")
    later = Review.objects.create(submission=submission, mentor=mira, verdict="approve")
    Review.objects.filter(pk=later.pk).update(created_at=timezone.now() + dt.timedelta(hours=1))

    def note(kind: str, message: str, url: str):
        return Notification.objects.create(user=lena, kind=kind, message=message, url=url).pk

    unlocked = note("milestone_unlocked", "Milestone unlocked: Alpha", "/milestones/alpha/")
    api_only = note("milestone_done", "Milestone done: Alpha", "")
    graded = note("submission_graded", "Add one: attempt 1 passed.", f"/api/v1/submissions/{submission.pk}/")
    reviewed = note("review_posted", "mira reviewed ...", f"/api/v1/submissions/{submission.pk}/")
    gone = note("milestone_unlocked", "Milestone unlocked: Removed", "/milestones/removed/")

    new = _migrate(AFTER)
    rows = {n.pk: n for n in new.get_model("accounts", "Notification").objects.all()}
    assert set(rows) == {unlocked, api_only, graded, reviewed}  # `gone` names no milestone any more
    assert (rows[unlocked].milestone_id, rows[api_only].milestone_id) == (milestone.pk, milestone.pk)
    assert (rows[graded].submission_id, rows[graded].review_id) == (submission.pk, None)
    # The review it announced: the latest one posted by its time, not the one posted later.
    assert (rows[reviewed].submission_id, rows[reviewed].review_id) == (submission.pk, early.pk)
    assert gone not in rows
