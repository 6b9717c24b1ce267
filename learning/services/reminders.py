"""Behind-plan reminders: one in-app notification (mailed too, with the weekly digest's choice) per learner, track and
ISO week of theirs, and the `learner_behind_plan` signal for the apps above (webhooks).

**Behind plan** is the planner's own measure (planner.services.plan_shortfall), read on the learner's today in their
time zone from the same summary as their dashboard: on a track they are enrolled in, either
- after the planner's two-week grace from the enrolment's start, their pace (hours of milestones done since the start
  per week) is below the hours a week of their plan, so they are some hours behind what the plan expected by today
  (the shortfall is that difference times the weeks elapsed, capped at what is left); or
- at that pace their projected finish is past the plan's target date.
Learners who turned reminders off (their weekly goal's "remind me") and inactive or deleted accounts are skipped.

Idempotent: a `ReminderSent` row is unique per (learner, condition, week), and the notification and the signal are
made in the same transaction as that row; a second run, or two at once, send nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.middleware import zone
from accounts.models import Notification
from accounts.services import notification_create
from config.signals import send_on_commit
from learning import signals
from learning.models import ReminderSent
from planner.models import Enrolment, Track
from planner.services import plan_shortfall, progress_summaries

BATCH = 500


def reminder_week(day: dt.date) -> str:
    """The ISO week of a learner's date ("2026-W49")."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def behind_plan_condition(track_slug: str) -> str:
    return f"behind_plan:{track_slug}"


@dataclass(frozen=True)
class Behind:
    user: AbstractBaseUser
    track: str
    today: dt.date
    behind_hours: float | None
    late_days: int | None
    projected_finish: dt.date | None
    target_date: dt.date | None

    @property
    def week(self) -> str:
        return reminder_week(self.today)


def _candidates() -> Any:
    """Active learners with an enrolment who did not turn reminders off."""
    users = get_user_model().objects.filter(is_active=True, enrolments__isnull=False)
    users = users.exclude(weekly_goal__reminders=False).exclude(profile__deleted_at__isnull=False)
    return users.select_related("profile").distinct().order_by("pk")


def _local_today(user: AbstractBaseUser, now: dt.datetime) -> dt.date:
    profile = getattr(user, "profile", None)
    tz = zone(profile.time_zone if profile else "") or zone(settings.TIME_ZONE) or dt.UTC
    return timezone.localtime(now, tz).date()


def _behind_in(users: list[AbstractBaseUser], now: dt.datetime) -> list[Behind]:
    """The tracks these learners are behind on, each read on the learner's own today (a batch spans a few dates)."""
    by_today: dict[dt.date, list[AbstractBaseUser]] = {}
    for user in users:
        by_today.setdefault(_local_today(user, now), []).append(user)
    starts = dict(Enrolment.objects.filter(user__in=users).values_list("pk", "start_date"))
    out = []
    for today, group in by_today.items():
        summaries = progress_summaries(user_ids=[u.pk for u in group], today=today)
        for user in group:
            for summary in summaries[user.pk]["tracks"]:
                start = starts.get(summary["enrolment"], today)
                hours, late = plan_shortfall(summary, start, today)
                if (hours or 0) > 0 or late:
                    finish, target = summary["projected_finish"], summary["target_date"]
                    out.append(Behind(user, summary["track"], today, hours, late, finish, target))
    return out


def behind_plan_list(*, now: dt.datetime | None = None, batch: int = BATCH) -> list[Behind]:
    """Every (learner, track) behind plan now. A batch of learners costs the summaries' few queries per distinct
    local date, none per learner."""
    now = now or timezone.now()
    candidates = _candidates()
    out: list[Behind] = []
    last = 0
    while True:
        users = list(candidates.filter(pk__gt=last)[:batch])
        if not users:
            return out
        out += _behind_in(users, now)
        last = users[-1].pk


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _remind(behind: Behind, track: Track | None) -> bool:
    """Record, tell and announce one reminder; False when this condition was reminded this week already."""
    params = {
        "track": behind.track,
        "week": behind.week,
        "behind_hours": behind.behind_hours,
        "late_days": behind.late_days,
    }
    try:
        with transaction.atomic():
            # The unique row is the gate: of two runs at once, one inserts; the other's insert fails here.
            ReminderSent.objects.create(
                user=behind.user, condition=behind_plan_condition(behind.track), week=behind.week
            )
            notification_create(user=behind.user, kind=Notification.Kind.BEHIND_PLAN, params=params, track=track)
            send_on_commit(
                signals.learner_behind_plan,
                sender=ReminderSent,
                user_id=behind.user.pk,
                track=behind.track,
                week=behind.week,
                behind_hours=behind.behind_hours,
                late_days=behind.late_days,
                projected_finish=_iso(behind.projected_finish),
                target_date=_iso(behind.target_date),
            )
    except IntegrityError:
        return False
    return True


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind every learner behind plan who was not reminded of it this week (their week); returns how many were."""
    behind = behind_plan_list(now=now)
    if not behind:
        return 0
    sent = set(
        ReminderSent.objects.filter(
            user__in={b.user.pk for b in behind}, week__in={b.week for b in behind}
        ).values_list("user_id", "condition", "week")
    )
    tracks = {t.slug: t for t in Track.objects.filter(slug__in={b.track for b in behind})}
    count = 0
    for b in behind:
        if (b.user.pk, behind_plan_condition(b.track), b.week) in sent:
            continue
        count += _remind(b, tracks.get(b.track))
    return count
