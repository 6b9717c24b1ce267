"""Enrolling in tracks: creates the learner's progress rows and keeps their plan in step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notification_create
from planner.models import Enrolment, Plan, Progress, ProgressState, Track
from planner.services.availability import lock_learner, progress_ensure, progress_recompute
from planner.services.graph import curriculum_graph, with_prerequisites
from planner.services.plans import plan_check, plan_generate
from planner.services.schedule import TARGET_BEFORE_START, tenths

ALREADY_ENROLLED = _("You are already enrolled in this track.")

_UNSET = object()


@transaction.atomic
def enrolment_create(
    *,
    user: AbstractBaseUser,
    track: Track,
    hours_per_week: Decimal | float | int | None = None,
    start_date: dt.date | None = None,
    target_date: dt.date | None = None,
    include_optional: bool = False,
) -> Enrolment:
    """Enrol a learner in a track: progress rows for the track's milestones and their prerequisites
    (milestones already known from another track keep their state), availability recomputed."""
    lock_learner(user)
    if Enrolment.objects.filter(user=user, track=track).exists():
        raise ValidationError({"track": ValidationError(ALREADY_ENROLLED, code="already_enrolled")})
    enrolment = Enrolment(
        user=user,
        track=track,
        start_date=start_date or timezone.localdate(),
        target_date=target_date,
        include_optional=include_optional,
    )
    if hours_per_week is not None:
        enrolment.hours_per_week = Decimal(str(hours_per_week))
    _check(enrolment)
    enrolment.save()
    ids = track.items.values_list("milestone_id", flat=True)
    scope = with_prerequisites(curriculum_graph(), ids)
    progress_ensure(user=user, milestone_ids=scope)
    # One summary instead of a "milestone unlocked" for each milestone that is open from the start.
    progress_recompute(user=user, announce=False)
    available = Progress.objects.filter(user=user, milestone_id__in=scope, state=ProgressState.AVAILABLE).count()
    notification_create(user=user, kind=Notification.Kind.ENROLLED, track=track, params={"available": available})
    return enrolment


def _check(enrolment: Enrolment) -> None:
    enrolment.full_clean(validate_constraints=False, exclude=["user", "track"])
    if enrolment.target_date is not None and enrolment.target_date < enrolment.start_date:
        raise ValidationError({"target_date": ValidationError(TARGET_BEFORE_START, code="target_before_start")})


def _apply(
    enrolment: Enrolment,
    *,
    hours_per_week: Decimal | float | int | None,
    start_date: dt.date | None,
    target_date: dt.date | object | None,
    include_optional: bool | None,
) -> None:
    if hours_per_week is not None:
        enrolment.hours_per_week = Decimal(str(hours_per_week))
    if start_date is not None:
        enrolment.start_date = start_date
    if target_date is not _UNSET:
        enrolment.target_date = target_date  # type: ignore[assignment]
    if include_optional is not None:
        enrolment.include_optional = include_optional
    _check(enrolment)
    enrolment.save()
    if include_optional:
        lock_learner(enrolment.user)  # the recompute writes back what it read: no other change may come between
        ids = enrolment.track.items.values_list("milestone_id", flat=True)
        progress_ensure(user=enrolment.user, milestone_ids=with_prerequisites(curriculum_graph(), ids))
        progress_recompute(user=enrolment.user)


@transaction.atomic
def enrolment_update(
    *,
    enrolment: Enrolment,
    hours_per_week: Decimal | float | int | None = None,
    start_date: dt.date | None = None,
    target_date: dt.date | object | None = _UNSET,
    include_optional: bool | None = None,
) -> Enrolment:
    """Change the learner's commitment; an existing plan is regenerated from the new settings."""
    _apply(
        enrolment,
        hours_per_week=hours_per_week,
        start_date=start_date,
        target_date=target_date,
        include_optional=include_optional,
    )
    if Plan.objects.filter(enrolment=enrolment).exists():
        plan_generate(enrolment=enrolment)
    return enrolment


@transaction.atomic
def plan_update(
    *,
    enrolment: Enrolment,
    hours_per_week: Decimal | float | int | None = None,
    start_date: dt.date | None = None,
    target_date: dt.date | object | None = _UNSET,
    today: dt.date | None = None,
) -> Plan:
    """Change my pace (the plan page, POST /enrolments/<id>/plan/): the enrolment takes the new hours per week,
    start and target date, since it is the one source of them, and the plan is regenerated from it, so the
    enrolment, its plan and the summary agree. A target before the plan's first week is refused."""
    today = today or timezone.localdate()
    hours = Decimal(str(hours_per_week)) if hours_per_week is not None else Decimal(str(enrolment.hours_per_week))
    first_week = start_date or max(enrolment.start_date, today)
    asked_target = None if target_date is _UNSET else target_date
    plan_check(hours_per_week=tenths(hours), start_date=first_week, target_date=asked_target)  # type: ignore[arg-type]
    _apply(
        enrolment, hours_per_week=hours_per_week, start_date=start_date, target_date=target_date, include_optional=None
    )
    return plan_generate(enrolment=enrolment, start_date=start_date, today=today)


@transaction.atomic
def enrolment_delete(*, enrolment: Enrolment) -> None:
    """Leave a track. Progress is the learner's record across tracks and is kept."""
    enrolment.delete()
