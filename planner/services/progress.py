"""Learners' progress on milestones: the state machine, self-assessment, completion and sign-off.

States: locked -> available (all prerequisites done or skipped) -> in_progress -> done; skipped means
"already known" (self-assessment) and satisfies prerequisites like done. Availability is recomputed
for the learner after every change, set-based (two UPDATE statements), so it is never stale:
- a locked milestone whose prerequisites are all satisfied becomes available (and the learner is told);
- an available milestone with an unsatisfied prerequisite (after an un-skip) goes back to locked;
- in_progress, done and skipped are the learner's own record and are never changed by a recompute.
A milestone the learner has no progress row for counts as not satisfied; rows are created on
enrolment for the track's milestones and all their prerequisites.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import NoReverseMatch
from django.utils import timezone

from accounts.models import Notification
from accounts.services import notification_create
from planner.models import (
    SATISFIED_STATES,
    Completion,
    Enrolment,
    Evidence,
    Milestone,
    Progress,
    ProgressState,
    TrackMilestone,
)
from planner.permissions import can_sign_off_milestone
from planner.services.graph import curriculum_graph, with_prerequisites

MILESTONE_LOCKED = "This milestone is locked: finish or skip its prerequisites first."
MILESTONE_ALREADY_DONE = "This milestone is already done."
MILESTONE_NEEDS_EXERCISES = "This milestone is completed by passing its exercises, not by self-report."
MILESTONE_NEEDS_MENTOR = "This milestone is completed by a mentor's sign-off, not by self-report."
MILESTONE_DONE_BY_EVIDENCE = "This milestone was completed with graded or mentor evidence and cannot be reset."
STATE_NOT_SETTABLE = "State must be one of: in_progress, done, skipped, available (reset)."
EVIDENCE_NOT_ACCEPTED = "Evidence '{evidence}' does not complete a milestone whose completion is '{completion}'."
UNKNOWN_MILESTONES = "Unknown milestone(s): {slugs}."
KNOWN_AND_UNKNOWN = "Listed as both known and unknown: {slugs}."
NOT_MENTOR_OF_LEARNER = "Only a mentor of this learner can sign off their milestones."

SETTABLE_STATES = (ProgressState.IN_PROGRESS, ProgressState.DONE, ProgressState.SKIPPED, ProgressState.AVAILABLE)
# Which evidence completes a milestone of each completion kind: a mentor's word is accepted everywhere;
# auto-graded evidence only where exercises exist; self-report only where the milestone asks for it.
ACCEPTED_EVIDENCE = {
    Completion.SELF: {Evidence.SELF, Evidence.AUTO, Evidence.MENTOR},
    Completion.AUTO: {Evidence.AUTO, Evidence.MENTOR},
    Completion.MENTOR: {Evidence.MENTOR},
}


def _milestone_url(milestone: Milestone) -> str:
    try:
        return milestone.get_absolute_url()
    except NoReverseMatch:  # the pages are not wired (API-only deployment)
        return ""


def _lock_learner(user: AbstractBaseUser) -> None:
    """Serialise writes per learner: availability is computed from the learner's other rows."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def progress_ensure(*, user: AbstractBaseUser, milestone_ids: Iterable[int]) -> int:
    """Create locked rows for milestones the learner has none for; the caller recomputes states.
    Returns how many rows were missing."""
    ids = set(milestone_ids)
    have = set(Progress.objects.filter(user=user, milestone_id__in=ids).values_list("milestone_id", flat=True))
    missing = sorted(ids - have)
    if missing:
        Progress.objects.bulk_create(
            [Progress(user=user, milestone_id=i, state=ProgressState.LOCKED) for i in missing], ignore_conflicts=True
        )
    return len(missing)


def progress_ensure_for_enrolments() -> int:
    """After a curriculum reload: every enrolled learner gets rows for their tracks' (new) milestones."""
    graph = curriculum_graph()
    by_track: dict[int, set[int]] = {}
    for track_id, milestone_id in TrackMilestone.objects.values_list("track_id", "milestone_id"):
        by_track.setdefault(track_id, set()).add(milestone_id)
    created = 0
    for track_id, ids in by_track.items():
        scope = with_prerequisites(graph, ids)
        users = list(Enrolment.objects.filter(track_id=track_id).values_list("user_id", flat=True))
        for start in range(0, len(users), 500):
            chunk = users[start:start + 500]
            have = set(Progress.objects.filter(user_id__in=chunk, milestone_id__in=scope)
                       .values_list("user_id", "milestone_id"))
            missing = [Progress(user_id=u, milestone_id=m, state=ProgressState.LOCKED)
                       for u in chunk for m in sorted(scope) if (u, m) not in have]
            Progress.objects.bulk_create(missing, ignore_conflicts=True, batch_size=2000)
            created += len(missing)
    return created


def _blocked() -> Exists:
    """True for a progress row with a prerequisite the same learner has not done or skipped."""
    through = Milestone.prerequisites.through
    satisfied = Progress.objects.filter(
        user_id=OuterRef(OuterRef("user_id")), milestone_id=OuterRef("to_milestone_id"), state__in=SATISFIED_STATES
    )
    return Exists(through.objects.filter(from_milestone_id=OuterRef("milestone_id")).filter(~Exists(satisfied)))


def _recompute(rows: QuerySet[Progress]) -> list[int]:
    """One pass over `rows`: locked <-> available. Returns the ids of rows that became available."""
    unlocked = list(rows.filter(state=ProgressState.LOCKED).filter(~_blocked()).values_list("id", flat=True))
    rows.filter(state=ProgressState.AVAILABLE).filter(_blocked()).update(
        state=ProgressState.LOCKED, updated_at=timezone.now()
    )
    if unlocked:
        Progress.objects.filter(id__in=unlocked).update(state=ProgressState.AVAILABLE, updated_at=timezone.now())
    return unlocked


def progress_recompute(*, user: AbstractBaseUser, quiet: Iterable[int] = ()) -> list[Progress]:
    """Recompute one learner's locked/available states and tell them about newly available milestones.

    `quiet`: milestone ids not to announce (a milestone the learner has just reset themself).
    """
    unlocked = _recompute(Progress.objects.filter(user=user))
    quiet_ids = set(quiet)
    rows = list(Progress.objects.filter(id__in=unlocked).select_related("milestone"))
    for row in rows:
        if row.milestone_id not in quiet_ids:
            notification_create(
                user=user, kind=Notification.Kind.MILESTONE_UNLOCKED,
                message=f"Milestone unlocked: {row.milestone.title_en}", url=_milestone_url(row.milestone),
            )
    return rows


def progress_recompute_all() -> int:
    """Every learner at once (after a curriculum reload); no notifications for curriculum edits."""
    return len(_recompute(Progress.objects.all()))


def _after_change(user: AbstractBaseUser, quiet: Iterable[int] = ()) -> None:
    from planner.services.plans import plans_refresh

    progress_recompute(user=user, quiet=quiet)
    plans_refresh(user=user)


def _row(user: AbstractBaseUser, milestone: Milestone) -> Progress:
    if progress_ensure(user=user, milestone_ids=with_prerequisites(curriculum_graph(), [milestone.pk])):
        progress_recompute(user=user)  # existing rows are current: every change recomputes
    return Progress.objects.select_related("milestone").get(user=user, milestone=milestone)


def _mark_done(row: Progress, evidence: str) -> None:
    now = timezone.now()
    row.state = ProgressState.DONE
    row.evidence = evidence
    row.started_at = row.started_at or now
    row.completed_at = now
    row.save()
    notification_create(
        user=row.user, kind=Notification.Kind.MILESTONE_DONE,
        message=f"Milestone done: {row.milestone.title_en}", url=_milestone_url(row.milestone),
    )


@transaction.atomic
def progress_update(*, user: AbstractBaseUser, milestone: Milestone, state: str) -> Progress:
    """A learner moves their own milestone: start it, finish a self-report one, skip it, or reset it.

    Raises ValidationError({"state": [...]}) with one of this module's messages when the move is not allowed.
    """
    if state not in SETTABLE_STATES:
        raise ValidationError({"state": [STATE_NOT_SETTABLE]})
    _lock_learner(user)
    row = _row(user, milestone)
    quiet: list[int] = []
    if state == row.state:
        return row
    if state == ProgressState.IN_PROGRESS:
        if row.state == ProgressState.LOCKED:
            raise ValidationError({"state": [MILESTONE_LOCKED]})
        if row.state == ProgressState.DONE:
            raise ValidationError({"state": [MILESTONE_ALREADY_DONE]})
        row.state, row.evidence = ProgressState.IN_PROGRESS, ""
        row.started_at, row.completed_at = timezone.now(), None
        row.save()
    elif state == ProgressState.DONE:
        if milestone.completion == Completion.AUTO:
            raise ValidationError({"state": [MILESTONE_NEEDS_EXERCISES]})
        if milestone.completion == Completion.MENTOR:
            raise ValidationError({"state": [MILESTONE_NEEDS_MENTOR]})
        if row.state == ProgressState.LOCKED:
            raise ValidationError({"state": [MILESTONE_LOCKED]})
        _mark_done(row, Evidence.SELF)
    elif state == ProgressState.SKIPPED:
        if row.state == ProgressState.DONE:
            raise ValidationError({"state": [MILESTONE_ALREADY_DONE]})
        _skip(row)
    else:  # reset: back to locked/available as the prerequisites say
        if row.state == ProgressState.DONE and row.evidence != Evidence.SELF:
            raise ValidationError({"state": [MILESTONE_DONE_BY_EVIDENCE]})
        _reset(row)
        quiet.append(milestone.pk)
    _after_change(user, quiet)
    row.refresh_from_db()
    return row


def _skip(row: Progress) -> None:
    now = timezone.now()
    row.state, row.evidence = ProgressState.SKIPPED, Evidence.SELF
    row.completed_at = now
    row.save()


def _reset(row: Progress) -> None:
    row.state, row.evidence = ProgressState.LOCKED, ""
    row.started_at = row.completed_at = None
    row.save()


@transaction.atomic
def milestone_complete(*, user: AbstractBaseUser, milestone: Milestone, evidence: str) -> Progress:
    """Mark a milestone done on evidence (auto: exercises passed; mentor: signed off; self).

    Idempotent: completing a done milestone again changes nothing and sends nothing. A milestone may be
    completed from any other state (a learner can pass an exercise before finishing its prerequisites).
    """
    accepted = ACCEPTED_EVIDENCE[Completion(milestone.completion)]
    if evidence not in accepted:
        raise ValidationError({"evidence": [EVIDENCE_NOT_ACCEPTED.format(evidence=evidence,
                                                                          completion=milestone.completion)]})
    _lock_learner(user)
    row = _row(user, milestone)
    if row.state == ProgressState.DONE:
        return row
    _mark_done(row, evidence)
    _after_change(user)
    row.refresh_from_db()
    return row


@transaction.atomic
def milestone_sign_off(*, mentor: AbstractBaseUser, learner: AbstractBaseUser, milestone: Milestone) -> Progress:
    """A mentor (of this learner) or staff confirms the learner has met the milestone."""
    if not can_sign_off_milestone(mentor, learner.pk):
        raise PermissionDenied(NOT_MENTOR_OF_LEARNER)
    return milestone_complete(user=learner, milestone=milestone, evidence=Evidence.MENTOR)


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
        raise ValidationError({"unknown": [KNOWN_AND_UNKNOWN.format(slugs=", ".join(both))]})
    milestones = {m.slug: m for m in Milestone.objects.filter(slug__in=set(known) | set(unknown))}
    errors = {}
    for name, slugs in (("known", known), ("unknown", unknown)):
        missing = sorted({s for s in slugs if s not in milestones})
        if missing:
            errors[name] = [UNKNOWN_MILESTONES.format(slugs=", ".join(missing))]
    if errors:
        raise ValidationError(errors)
    _lock_learner(user)
    graph = curriculum_graph()
    progress_ensure(user=user, milestone_ids=with_prerequisites(graph, [m.pk for m in milestones.values()]))
    known_ids = {milestones[s].pk for s in known}
    unknown_ids = {milestones[s].pk for s in unknown}
    changed = []
    rows = Progress.objects.select_related("milestone").filter(user=user, milestone_id__in=known_ids | unknown_ids)
    for row in rows:
        if row.milestone_id in known_ids and row.state not in SATISFIED_STATES:
            _skip(row)
            changed.append(row.pk)
        elif row.milestone_id in unknown_ids and row.state == ProgressState.SKIPPED:
            _reset(row)
            changed.append(row.pk)
    if changed:
        _after_change(user, quiet=unknown_ids)
    return list(Progress.objects.select_related("milestone__stage").filter(id__in=changed))
