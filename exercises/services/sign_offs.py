"""Mentor sign-off of milestones that ask for it: given once (a repeated request finds the one given), refused
while the milestone is locked or its required exercises are not passed, and withdrawable for a grace period
(PATHWISE_SIGN_OFF_GRACE_HOURS) with the learner told."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notification_create
from config.signals import send_on_commit
from exercises import signals
from exercises.models import SignOff
from exercises.selectors import required_exercise_passes
from planner.models import Completion, Evidence, Milestone
from planner.permissions import can_sign_off_milestone
from planner.services import milestone_complete, milestone_reopen, missing_prerequisites
from planner.services.availability import lock_learner

NOT_YOUR_LEARNER = _("Only a mentor of this learner can do this.")
SIGN_OFF_NOT_MENTOR_MILESTONE = _("Milestone '%(slug)s' is completed by %(completion)s, not by mentor sign-off.")
SIGN_OFF_LOCKED = _("This milestone is locked for the learner: %(slugs)s must be done or skipped first.")
SIGN_OFF_EXERCISES_MISSING = _("The learner has not passed every required exercise of this milestone yet: %(slugs)s.")
NO_SIGN_OFF = _("This milestone has no sign-off to withdraw.")
GRACE_PASSED = _("A sign-off can be withdrawn for %(hours)s hours after it is given; this one was given %(when)s.")


def _refuse(message: str, code: str, **params: object) -> ValidationError:
    return ValidationError({"milestone": ValidationError(message, code=code, params=params or None)})


def _check(learner: AbstractBaseUser, milestone: Milestone) -> None:
    """What a sign-off waits for: a mentor milestone, its prerequisites done or skipped, its exercises passed."""
    if milestone.completion != Completion.MENTOR:
        raise _refuse(
            SIGN_OFF_NOT_MENTOR_MILESTONE,
            "sign_off_not_mentor_milestone",
            slug=milestone.slug,
            completion=milestone.completion,
        )
    missing = missing_prerequisites(user=learner, milestone=milestone)
    if missing:
        raise _refuse(SIGN_OFF_LOCKED, "milestone_locked", slugs=", ".join(m.slug for m in missing))
    unpassed = sorted(
        slug for slug, passed in required_exercise_passes(user=learner, milestone=milestone).items() if not passed
    )
    if unpassed:
        raise _refuse(SIGN_OFF_EXERCISES_MISSING, "sign_off_exercises_missing", slugs=", ".join(unpassed))


@transaction.atomic
def sign_off_create(
    *, mentor: AbstractBaseUser, learner: AbstractBaseUser, milestone: Milestone
) -> tuple[SignOff, bool]:
    """A mentor of the learner (or staff) signs off a mentor-completion milestone, which completes it.

    Idempotent: when the milestone is signed off already, that sign-off is returned (created False) and nothing
    changes. Raises PermissionDenied for anyone else, ValidationError when the milestone is not ready.
    """
    if not can_sign_off_milestone(mentor, learner.pk):
        raise PermissionDenied(NOT_YOUR_LEARNER)
    lock_learner(learner)  # two clicks at once: the second waits, then finds the first
    existing = SignOff.objects.select_related("mentor").filter(learner=learner, milestone=milestone).first()
    if existing is not None:
        return existing, False
    _check(learner, milestone)
    sign_off = SignOff.objects.create(learner=learner, milestone=milestone, mentor=mentor)
    milestone_complete(user=learner, milestone=milestone, evidence=Evidence.MENTOR)
    send_on_commit(signals.signoff_created, sender=SignOff, sign_off_id=sign_off.pk)
    return sign_off, True


@transaction.atomic
def sign_off_withdraw(
    *, mentor: AbstractBaseUser, learner: AbstractBaseUser, milestone: Milestone, now: dt.datetime | None = None
) -> SignOff:
    """Take a sign-off back within the grace period: the milestone reopens (what it unlocked and is not started
    yet is locked again) and the learner is told who withdrew it. Returns the sign-off withdrawn (deleted)."""
    if not can_sign_off_milestone(mentor, learner.pk):
        raise PermissionDenied(NOT_YOUR_LEARNER)
    lock_learner(learner)
    sign_off = SignOff.objects.filter(learner=learner, milestone=milestone).first()
    if sign_off is None:
        raise _refuse(NO_SIGN_OFF, "no_sign_off")
    if (now or timezone.now()) > sign_off.withdrawable_until:
        when = timezone.localtime(sign_off.created_at).strftime("%Y-%m-%d %H:%M")
        raise _refuse(GRACE_PASSED, "grace_passed", hours=settings.PATHWISE_SIGN_OFF_GRACE_HOURS, when=when)
    sign_off.delete()
    milestone_reopen(user=learner, milestone=milestone)
    notification_create(
        user=learner,
        kind=Notification.Kind.SIGN_OFF_WITHDRAWN,
        milestone=milestone,
        params={"mentor": mentor.get_username()},
    )
    return sign_off
