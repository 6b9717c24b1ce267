"""Enrolling in tracks: creates the learner's progress rows and keeps their plan in step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from planner.models import Enrolment, Plan, Track
from planner.services.graph import curriculum_graph, with_prerequisites
from planner.services.plans import plan_generate
from planner.services.progress import _lock_learner, progress_ensure, progress_recompute

ALREADY_ENROLLED = "You are already enrolled in this track."
TARGET_BEFORE_START = "The target date must not be before the start date."

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
    _lock_learner(user)
    if Enrolment.objects.filter(user=user, track=track).exists():
        raise ValidationError({"track": [ALREADY_ENROLLED]})
    enrolment = Enrolment(
        user=user, track=track, start_date=start_date or timezone.localdate(), target_date=target_date,
        include_optional=include_optional,
    )
    if hours_per_week is not None:
        enrolment.hours_per_week = Decimal(str(hours_per_week))
    _check(enrolment)
    enrolment.save()
    ids = track.items.values_list("milestone_id", flat=True)
    progress_ensure(user=user, milestone_ids=with_prerequisites(curriculum_graph(), ids))
    progress_recompute(user=user)
    return enrolment


def _check(enrolment: Enrolment) -> None:
    enrolment.full_clean(validate_constraints=False, exclude=["user", "track"])
    if enrolment.target_date is not None and enrolment.target_date < enrolment.start_date:
        raise ValidationError({"target_date": [TARGET_BEFORE_START]})


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
        ids = enrolment.track.items.values_list("milestone_id", flat=True)
        progress_ensure(user=enrolment.user, milestone_ids=with_prerequisites(curriculum_graph(), ids))
        progress_recompute(user=enrolment.user)
    if Plan.objects.filter(enrolment=enrolment).exists():
        plan_generate(enrolment=enrolment)
    return enrolment


@transaction.atomic
def enrolment_delete(*, enrolment: Enrolment) -> None:
    """Leave a track. Progress is the learner's record across tracks and is kept."""
    enrolment.delete()
