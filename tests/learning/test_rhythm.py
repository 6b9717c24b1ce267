"""Rhythm: a weekly goal in hours or in milestones + exercises; streaks count the weeks (Monday to Sunday, the
learner's time) in which it was met."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Profile
from learning.models import WeeklyGoal
from learning.services.rhythm import streak_of, week_start, weekly_goal_set, weeks_get
from planner.models import Progress
from tests.factories import ExerciseFactory, MilestoneFactory, SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC)  # a Thursday


def done_at(user, when: dt.datetime, hours: int = 5) -> None:
    Progress.objects.create(user=user, milestone=MilestoneFactory(hours=hours), state="done", completed_at=when)


def test_week_starts_on_monday_in_the_learners_zone():
    import zoneinfo

    tz = zoneinfo.ZoneInfo("Asia/Shanghai")
    # Sunday 20:00 UTC is already Monday 04:00 in Shanghai: a new week there.
    start = week_start(dt.datetime(2026, 12, 6, 20, 0, tzinfo=dt.UTC), tz)
    assert start.date() == dt.date(2026, 12, 7) and start.utcoffset() == dt.timedelta(hours=8)


def test_streak_counts_consecutive_weeks_with_the_hours_goal_met():
    user = UserFactory()
    goal = weekly_goal_set(user=user, kind="hours", hours=Decimal("5"))
    for weeks_ago in (1, 2, 3, 5):  # week 4 missed: the streak is 3 (this week not met yet)
        done_at(user, NOW - dt.timedelta(weeks=weeks_ago))
    weeks = weeks_get(user=user, goal=goal, now=NOW)
    assert [w.met for w in weeks[:6]] == [False, True, True, True, False, True]
    assert streak_of(weeks) == 3
    done_at(user, NOW - dt.timedelta(hours=1))  # this week met too
    assert streak_of(weeks_get(user=user, goal=goal, now=NOW)) == 4


def test_items_goal_needs_both_milestones_and_exercises():
    user = UserFactory()
    goal = weekly_goal_set(user=user, kind="items", milestones=1, exercises=2)
    done_at(user, NOW - dt.timedelta(hours=2))
    exercise = ExerciseFactory()
    SubmissionFactory(user=user, exercise=exercise, status="passed", finished_at=NOW - dt.timedelta(hours=1))
    SubmissionFactory(user=user, exercise=exercise, status="passed", finished_at=NOW - dt.timedelta(hours=1))
    this = weeks_get(user=user, goal=goal, now=NOW)[0]
    assert (this.milestones, this.exercises, this.met) == (1, 1, False)  # the same exercise twice counts once
    SubmissionFactory(user=user, status="passed", finished_at=NOW - dt.timedelta(minutes=5))
    assert weeks_get(user=user, goal=goal, now=NOW)[0].met is True


def test_goal_is_validated():
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        weekly_goal_set(user=user, kind="hours", hours=Decimal("0"))
    assert exc.value.message_dict["hours"] == ["Hours a week must be between 0.5 and 100."]
    with pytest.raises(ValidationError):
        weekly_goal_set(user=user, kind="items", milestones=0, exercises=0)
    with pytest.raises(ValidationError) as exc:
        weekly_goal_set(user=user, kind="items", milestones=51)
    assert exc.value.message_dict["milestones"] == ["At most 50 milestones and 200 exercises a week."]
    assert not WeeklyGoal.objects.exists()


def test_rhythm_page_sets_the_goal_and_shows_the_streak(client):
    user = UserFactory()
    Profile.objects.create(user=user, time_zone="Europe/Berlin")
    client.force_login(user)
    response = client.post(reverse("rhythm"), {"kind": "hours", "hours": "3", "reminders": "on"})
    assert response.status_code == 302
    assert WeeklyGoal.objects.get(user=user).hours == Decimal("3.0")
    page = client.get(reverse("rhythm")).content.decode()
    assert '<p class="big" id="streak">0 weeks</p>' in page
    bad = client.post(reverse("rhythm"), {"kind": "hours", "hours": "500"})
    assert bad.status_code == 200 and WeeklyGoal.objects.get(user=user).hours == Decimal("3.0")
