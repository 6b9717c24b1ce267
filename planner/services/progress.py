"""A learner's own moves on their milestones: start, finish a self-report one, skip, reset, self-assessment.

progress_moves is the one statement of which move is allowed from where: the service refuses what it refuses,
and the milestone page offers only what it allows. Availability and completion from evidence live in
availability.py and completion.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from planner.models import SATISFIED_STATES, Completion, Evidence, Milestone, Progress, ProgressState
from planner.services.availability import after_change, lock_learner
from planner.services.reflow import RECORDED_EVIDENCE, LearnerProgress, reflow

# What a learner reads when a move is refused: translated where defined, raised with a code (and params).
MILESTONE_LOCKED = _("This milestone is locked: finish or skip its prerequisites first.")
MILESTONE_ALREADY_DONE = _("This milestone is already done.")
MILESTONE_NEEDS_EXERCISES = _("This milestone is completed by passing its exercises, not by self-report.")
MILESTONE_NEEDS_MENTOR = _("This milestone is completed by a mentor's sign-off, not by self-report.")
MILESTONE_DONE_BY_EVIDENCE = _("This milestone was completed with graded or mentor evidence and cannot be reset.")
MILESTONE_NOT_SKIPPABLE = _(
    "A mentor signs this milestone off: it cannot be skipped. If you already know it, ask your mentor to sign it off."
)
STATE_NOT_SETTABLE = _("State must be one of: in_progress, done, skipped, available (reset).")
UNKNOWN_MILESTONES = _("Unknown milestone(s): %(slugs)s.")
KNOWN_AND_UNKNOWN = _("Listed as both known and unknown: %(slugs)s.")
NOT_SKIPPABLE = _("Signed off by a mentor, so not skipped: %(slugs)s.")

SETTABLE_STATES = (ProgressState.IN_PROGRESS, ProgressState.DONE, ProgressState.SKIPPED, ProgressState.AVAILABLE)


@dataclass(frozen=True)
class Refusal:
    message: str
    code: str


def _refusal(state: str | None, evidence: str, milestone: Milestone, target: str) -> Refusal | None:
    """Why the learner may not move their milestone from `state` (None: not in their tracks) to `target`."""
    if target == ProgressState.IN_PROGRESS:
        if state in (ProgressState.LOCKED, None):
            return Refusal(MILESTONE_LOCKED, "milestone_locked")
        if state == ProgressState.DONE:
            return Refusal(MILESTONE_ALREADY_DONE, "milestone_already_done")
    elif target == ProgressState.DONE:
        if milestone.completion == Completion.AUTO:
            return Refusal(MILESTONE_NEEDS_EXERCISES, "milestone_needs_exercises")
        if milestone.completion == Completion.MENTOR:
            return Refusal(MILESTONE_NEEDS_MENTOR, "milestone_needs_mentor")
        if state in (ProgressState.LOCKED, None):
            return Refusal(MILESTONE_LOCKED, "milestone_locked")
    elif target == ProgressState.SKIPPED:
        if state == ProgressState.DONE:
            return Refusal(MILESTONE_ALREADY_DONE, "milestone_already_done")
        # Skipping satisfies the dependants' prerequisites, which only the mentor's sign-off may do here.
        if milestone.completion == Completion.MENTOR:
            return Refusal(MILESTONE_NOT_SKIPPABLE, "milestone_not_skippable")
    elif target == ProgressState.AVAILABLE and state == ProgressState.DONE and evidence != Evidence.SELF:
        return Refusal(MILESTONE_DONE_BY_EVIDENCE, "milestone_done_by_evidence")
    return None


def progress_moves(progress: Progress | None, milestone: Milestone) -> dict[str, bool]:
    """The moves that change something and are allowed, by target state: what a page offers as buttons."""
    state = progress.state if progress is not None else None
    evidence = progress.evidence if progress is not None else ""
    nothing_to_reset = (ProgressState.LOCKED, ProgressState.AVAILABLE, None)
    return {
        target: target != state
        and _refusal(state, evidence, milestone, target) is None
        and not (target == ProgressState.AVAILABLE and state in nothing_to_reset)
        for target in SETTABLE_STATES
    }


def _recorded(row: Progress) -> str:
    """Evidence recorded while the milestone waits for its prerequisites outlives a start, skip or reset."""
    return row.evidence if row.evidence in RECORDED_EVIDENCE else ""


@transaction.atomic
def progress_update(*, user: AbstractBaseUser, milestone: Milestone, state: str) -> Progress:
    """A learner moves their own milestone: start it, finish a self-report one, skip it, or reset it.

    Raises ValidationError({"state": [...]}) with one of this module's messages when the move is not allowed.
    """
    if state not in SETTABLE_STATES:
        raise ValidationError({"state": ValidationError(STATE_NOT_SETTABLE, code="state_not_settable")})
    lock_learner(user)
    learner = LearnerProgress.load(user)
    if learner.ensure([milestone.pk]):
        reflow(learner)  # existing rows are current: every change recomputes
    row = learner.rows[milestone.pk]
    row.milestone = milestone
    if state == row.state:
        learner.save()
        return row
    refusal = _refusal(row.state, row.evidence, milestone, state)
    if refusal is not None:
        raise ValidationError({"state": ValidationError(refusal.message, code=refusal.code)})
    quiet: list[int] = []
    if state == ProgressState.IN_PROGRESS:
        learner.set(
            row, state=ProgressState.IN_PROGRESS, evidence=_recorded(row), started_at=learner.now, completed_at=None
        )
    elif state == ProgressState.DONE:
        learner.done(row, Evidence.SELF)
    elif state == ProgressState.SKIPPED:
        learner.set(row, **_skipped(row, learner.now))
    else:  # reset: back to locked/available as the prerequisites say
        learner.set(row, **_reset(row))
        quiet.append(milestone.pk)
    # The recompute and the plans work on the same rows in memory: `row` comes back current, with no re-read.
    after_change(user, quiet, learner=learner)
    return row


def _skipped(row: Progress, now: dt.datetime) -> dict[str, Any]:
    return {"state": ProgressState.SKIPPED, "evidence": _recorded(row) or Evidence.SELF, "completed_at": now}


def _reset(row: Progress) -> dict[str, Any]:
    return {"state": ProgressState.LOCKED, "evidence": _recorded(row), "started_at": None, "completed_at": None}


@transaction.atomic
def self_assessment_apply(
    *, user: AbstractBaseUser, known: list[str], unknown: list[str] | None = None
) -> list[Progress]:
    """Mark milestones the learner already knows as skipped (evidence self); un-skip the `unknown` ones.

    Done milestones stay done. Returns the rows that changed, in curriculum order.
    """
    unknown = list(unknown or [])
    both = sorted(set(known) & set(unknown))
    if both:
        params = {"slugs": ", ".join(both)}
        raise ValidationError({"unknown": ValidationError(KNOWN_AND_UNKNOWN, code="known_and_unknown", params=params)})
    milestones = {m.slug: m for m in Milestone.objects.filter(slug__in=set(known) | set(unknown))}
    errors = {}
    for name, slugs in (("known", known), ("unknown", unknown)):
        missing = sorted({s for s in slugs if s not in milestones})
        if missing:
            params = {"slugs": ", ".join(missing)}
            errors[name] = ValidationError(UNKNOWN_MILESTONES, code="unknown_milestones", params=params)
    mentor_signed = sorted(s for s in known if milestones[s].completion == Completion.MENTOR) if not errors else []
    if mentor_signed:
        params = {"slugs": ", ".join(mentor_signed)}
        errors["known"] = ValidationError(NOT_SKIPPABLE, code="milestone_not_skippable", params=params)
    if errors:
        raise ValidationError(errors)
    lock_learner(user)
    learner = LearnerProgress.load(user)
    learner.ensure(m.pk for m in milestones.values())
    known_ids = {milestones[s].pk for s in known}
    unknown_ids = {milestones[s].pk for s in unknown}
    changed = []
    for milestone_id in sorted(known_ids | unknown_ids):
        row = learner.rows[milestone_id]
        if milestone_id in known_ids and row.state not in SATISFIED_STATES:
            learner.set(row, **_skipped(row, learner.now))
            changed.append(row.pk)
        elif milestone_id in unknown_ids and row.state == ProgressState.SKIPPED:
            learner.set(row, **_reset(row))
            changed.append(row.pk)
    if changed:
        after_change(user, quiet=unknown_ids, learner=learner)
    else:
        learner.save()  # rows created for milestones new to the learner
    return list(Progress.objects.select_related("milestone__stage").filter(id__in=changed))
