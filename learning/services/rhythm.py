"""Rhythm: a weekly goal (hours of milestones done, or a number of milestones and of exercises passed) and the
streak of weeks in which it was met. A week runs Monday to Sunday in the learner's time zone; streaks count weeks,
not days, because the people on this road work.

The goal in force now is the one every past week is measured against (a goal raised today can break a streak; the
learner sees that on the page before saving).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.bounds import MAX_WEEKLY_HOURS
from exercises.models import Submission, SubmissionStatus
from learning.models import GoalKind, WeeklyGoal
from learning.services.review import learner_zone
from planner.models import Progress, ProgressState

STREAK_WEEKS = 52
# A weekly goal's bounds: hours of milestones (at most the hours a plan may take a week), or counts.
GOAL_MIN_HOURS = Decimal("0.5")
GOAL_MAX_HOURS = Decimal(MAX_WEEKLY_HOURS)
GOAL_MAX_MILESTONES = 50
GOAL_MAX_EXERCISES = 200
GOAL_HOURS_RANGE = _("Hours a week must be between %(min)s and %(max)s.")
GOAL_ITEMS_NEEDED = _("Set at least one milestone or one exercise a week.")
GOAL_ITEMS_RANGE = _("At most %(milestones)s milestones and %(exercises)s exercises a week.")


def week_start(now: dt.datetime, tz: dt.tzinfo) -> dt.datetime:
    """The Monday 00:00, in `tz`, of the week holding `now`."""
    local = timezone.localtime(now, tz).date()
    monday = local - dt.timedelta(days=local.weekday())
    return dt.datetime.combine(monday, dt.time.min, tzinfo=tz)


def weekly_goal_get(*, user: AbstractBaseUser) -> WeeklyGoal | None:
    """The learner's weekly goal, or None when they have not set one."""
    return WeeklyGoal.objects.filter(user=user).first()


def weekly_goal_set(
    *,
    user: AbstractBaseUser,
    kind: str,
    hours: Decimal | None = None,
    milestones: int | None = None,
    exercises: int | None = None,
    reminders: bool = True,
) -> WeeklyGoal:
    if kind == GoalKind.HOURS:
        if hours is None or not GOAL_MIN_HOURS <= hours <= GOAL_MAX_HOURS:
            params = {"min": GOAL_MIN_HOURS, "max": GOAL_MAX_HOURS}
            raise ValidationError({"hours": ValidationError(GOAL_HOURS_RANGE, code="hours_range", params=params)})
        milestones = exercises = None
    elif kind == GoalKind.ITEMS:
        if not (milestones or exercises):
            raise ValidationError({"milestones": ValidationError(GOAL_ITEMS_NEEDED, code="items_needed")})
        if not (0 <= (milestones or 0) <= GOAL_MAX_MILESTONES and 0 <= (exercises or 0) <= GOAL_MAX_EXERCISES):
            params = {"milestones": GOAL_MAX_MILESTONES, "exercises": GOAL_MAX_EXERCISES}
            raise ValidationError({"milestones": ValidationError(GOAL_ITEMS_RANGE, code="items_range", params=params)})
        hours = None
    else:
        raise ValidationError({"kind": ValidationError(_("Unknown goal."), code="invalid")})
    goal, _created = WeeklyGoal.objects.update_or_create(
        user=user,
        defaults={
            "kind": kind,
            "hours": hours,
            "milestones": milestones,
            "exercises": exercises,
            "reminders": reminders,
        },
    )
    return goal


@dataclass
class Week:
    start: dt.date
    hours: Decimal
    milestones: int
    exercises: int
    met: bool


def _met(goal: WeeklyGoal, hours: Decimal, milestones: int, exercises: int) -> bool:
    if goal.kind == GoalKind.HOURS:
        return hours >= (goal.hours or 0)
    return milestones >= (goal.milestones or 0) and exercises >= (goal.exercises or 0)


def weeks_get(*, user: AbstractBaseUser, goal: WeeklyGoal, now: dt.datetime, count: int = STREAK_WEEKS) -> list[Week]:
    """The last `count` weeks, this one first, with what was done in each (milestones done, their hours, distinct
    exercises passed) and whether the goal was met. Two queries whatever the count."""
    tz = learner_zone(user)
    this_week = week_start(now, tz)
    starts = [(this_week - dt.timedelta(weeks=n)).date() for n in range(count)]
    since = dt.datetime.combine(starts[-1], dt.time.min, tzinfo=tz)
    tally = {start: [Decimal(0), 0, set()] for start in starts}
    done = Progress.objects.filter(user=user, state=ProgressState.DONE, completed_at__gte=since)
    for completed_at, hours in done.values_list("completed_at", "milestone__hours"):
        row = tally.get(week_start(completed_at, tz).date())
        if row is not None:
            row[0] += hours
            row[1] += 1
    passed = Submission.objects.filter(user=user, status=SubmissionStatus.PASSED, finished_at__gte=since)
    for finished_at, exercise_id in passed.values_list("finished_at", "exercise_id"):
        row = tally.get(week_start(finished_at, tz).date())
        if row is not None:
            row[2].add(exercise_id)
    return [
        Week(start, hours, milestones, len(exercises), _met(goal, hours, milestones, len(exercises)))
        for start, (hours, milestones, exercises) in tally.items()
    ]


def streak_of(weeks: list[Week]) -> int:
    """Weeks in a row with the goal met, counted back from last week (this week counts once it is met)."""
    this, past = weeks[0], weeks[1:]
    run = 0
    for week in past:
        if not week.met:
            break
        run += 1
    return run + int(this.met)
