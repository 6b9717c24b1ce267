"""What planner gives accounts (registered in PlannerConfig.ready): weekly hours for the profile, erasure of a
deleted account's learning data, and its part of the weekly digest."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Case, OuterRef, Subquery, When

from planner.models import Enrolment, Progress, ProgressState, Track
from planner.services.enrolments import plan_update
from planner.services.summary import progress_summaries

# The enrolment whose hours the profile shows: the latest.
LATEST_ENROLMENT = ("-created_at", "-id")


def weekly_hours_get(user: AbstractBaseUser) -> Decimal | None:
    """The hours of the learner's latest enrolment; None when not enrolled."""
    latest = Enrolment.objects.filter(user=user).order_by(*LATEST_ENROLMENT)
    return latest.values_list("hours_per_week", flat=True).first()


def weekly_hours_subquery() -> Subquery:
    """The same as an expression of a user queryset, for a read that wants it inside its one query."""
    latest = Enrolment.objects.filter(user=OuterRef("pk")).order_by(*LATEST_ENROLMENT)
    return Subquery(latest.values("hours_per_week")[:1])


def weekly_hours_set(user: AbstractBaseUser, hours: Decimal) -> None:
    """The profile's weekly hours apply to every track the learner follows; each plan is laid out again by the
    planner's one "change my pace" service."""
    for enrolment in Enrolment.objects.filter(user=user).select_related("track"):
        plan_update(enrolment=enrolment, hours_per_week=hours)


def learner_data_erase(user: AbstractBaseUser) -> None:
    Enrolment.objects.filter(user=user).delete()  # plans go with them (cascade)
    Progress.objects.filter(user=user).delete()


NEXT_IN_DIGEST = 3


def learners_digest(*, users: list[AbstractBaseUser], today: dict[int, dt.date]) -> dict[int, dict[str, Any]]:
    """The planner's part of the weekly digest of several people: progress against plan per track, and the next
    milestones (in progress first, then available, in curriculum order). Titles stay model instances, so the
    mail shows them in its reader's language. Queries: a summary per distinct "today" (its own few), the tracks'
    titles, the upcoming milestones; none per person."""
    by_day: dict[dt.date, list[int]] = {}
    for user in users:
        by_day.setdefault(today[user.pk], []).append(user.pk)
    summaries: dict[int, dict[str, Any]] = {}
    for day, ids in by_day.items():
        summaries.update(progress_summaries(user_ids=ids, today=day))
    tracks = {t.slug: t for t in Track.objects.filter(enrolments__user__in=users).distinct()}
    upcoming: dict[int, list[Any]] = {user.pk: [] for user in users}
    rows = (
        Progress.objects.filter(user__in=users, state__in=[ProgressState.IN_PROGRESS, ProgressState.AVAILABLE])
        .select_related("milestone")
        .order_by(
            "user_id",
            Case(When(state=ProgressState.IN_PROGRESS, then=0), default=1),
            "milestone__stage__order",
            "milestone__order",
        )
    )
    for row in rows:
        if len(upcoming[row.user_id]) < NEXT_IN_DIGEST:
            upcoming[row.user_id].append(row.milestone)
    return {
        user.pk: {
            "tracks": [
                {**t, "track": tracks.get(t["track"])} for t in summaries.get(user.pk, {"tracks": []})["tracks"]
            ],
            "next_milestones": upcoming[user.pk],
        }
        for user in users
    }
