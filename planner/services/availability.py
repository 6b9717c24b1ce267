"""Which milestones a learner may work on: availability kept current after every change, and evidence turned into
completion once a milestone's prerequisites allow it.

States: locked -> available (all prerequisites done or skipped) -> in_progress -> done; skipped means
"already known" (self-assessment) and satisfies prerequisites like done. Availability is recomputed
for the learner after every change (in memory, one UPDATE for what changed: planner.services.reflow; set-based
for every learner at once after a curriculum reload), so it is never stale:
- a locked milestone whose prerequisites are all satisfied becomes available (and the learner is told);
- an available milestone with an unsatisfied prerequisite (after an un-skip) goes back to locked (and the
  "milestone unlocked" notification, no longer true, is withdrawn);
- in_progress, done and skipped are the learner's own record and are never changed by a recompute.
A milestone the learner has no progress row for counts as not satisfied; rows are created on
enrolment for the track's milestones and all their prerequisites.

Locks lock: evidence for a milestone whose prerequisites are not done or skipped (a pass on a locked
milestone's exercises) is recorded on its row (`evidence`, state unchanged); the recompute that finds its
prerequisites satisfied completes it from that evidence, and what that unlocks in turn.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from accounts.models import Notification
from accounts.services import notification_create, notifications_withdraw
from planner.models import SATISFIED_STATES, Enrolment, Milestone, Progress, ProgressState, TrackMilestone
from planner.services.graph import curriculum_graph, with_prerequisites
from planner.services.plans import plans_refresh
from planner.services.reflow import RECORDED_EVIDENCE, LearnerProgress, milestone_completed_announce, reflow


def lock_learner(user: AbstractBaseUser) -> None:
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
            chunk = users[start : start + 500]
            have = set(
                Progress.objects.filter(user_id__in=chunk, milestone_id__in=scope).values_list(
                    "user_id", "milestone_id"
                )
            )
            missing = [
                Progress(user_id=u, milestone_id=m, state=ProgressState.LOCKED)
                for u in chunk
                for m in sorted(scope)
                if (u, m) not in have
            ]
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


def _recompute(rows: QuerySet[Progress]) -> tuple[list[int], list[tuple[int, int]]]:
    """One pass over `rows`: locked <-> available. Returns the ids of rows that became available, and the
    (user id, milestone id) of those locked again."""
    now = timezone.now()
    unlocked = list(rows.filter(state=ProgressState.LOCKED).filter(~_blocked()).values_list("id", flat=True))
    relocked = list(
        rows.filter(state=ProgressState.AVAILABLE).filter(_blocked()).values_list("id", "user_id", "milestone_id")
    )
    if relocked:
        Progress.objects.filter(id__in=[i for i, _, _ in relocked], state=ProgressState.AVAILABLE).update(
            state=ProgressState.LOCKED, updated_at=now
        )
    if unlocked:
        Progress.objects.filter(id__in=unlocked).update(state=ProgressState.AVAILABLE, updated_at=now)
    return unlocked, [(user_id, milestone_id) for _, user_id, milestone_id in relocked]


def _pending(rows: QuerySet[Progress]) -> QuerySet[Progress]:
    """Rows holding evidence recorded while their prerequisites were unsatisfied, now free to complete."""
    return rows.exclude(state=ProgressState.DONE).filter(evidence__in=RECORDED_EVIDENCE).filter(~_blocked())


def missing_prerequisites(*, user: AbstractBaseUser, milestone: Milestone) -> list[Milestone]:
    """The milestone's prerequisites the learner has not done or skipped, in curriculum order."""
    satisfied = Progress.objects.filter(user=user, milestone=OuterRef("pk"), state__in=SATISFIED_STATES)
    return list(
        milestone.prerequisites.select_related("stage").filter(~Exists(satisfied)).order_by(*Milestone._meta.ordering)
    )


def mark_done(row: Progress, evidence: str) -> None:
    now = timezone.now()
    row.state = ProgressState.DONE
    row.evidence = evidence
    row.started_at = row.started_at or now
    row.completed_at = now
    row.save()
    # The evidence tells a mentor's sign-off from the rest (people choose to be mailed for sign-offs).
    notification_create(
        user=row.user, kind=Notification.Kind.MILESTONE_DONE, params={"evidence": evidence}, milestone=row.milestone
    )
    milestone_completed_announce(row)


def _withdraw_unlocked(relocked: list[tuple[int, int]]) -> None:
    """A "milestone unlocked" is no longer true once the milestone is locked again (an un-skipped prerequisite)."""
    by_user: dict[int, list[int]] = {}
    for user_id, milestone_id in relocked:
        by_user.setdefault(user_id, []).append(milestone_id)
    for user_id, milestone_ids in by_user.items():
        notifications_withdraw(
            user=get_user_model()(pk=user_id), kind=Notification.Kind.MILESTONE_UNLOCKED, milestone_ids=milestone_ids
        )


def progress_recompute(*, user: AbstractBaseUser, quiet: Iterable[int] = (), announce: bool = True) -> list[Progress]:
    """Recompute one learner's locked/available states, complete what recorded evidence now allows, and tell
    them about newly available milestones. Returns the rows that became available.

    `quiet`: milestone ids not to announce (a milestone the learner has just reset themself); `announce=False`
    announces none (enrolling says it once, in a summary).
    """
    learner = LearnerProgress.load(user)
    opened = reflow(learner, quiet=quiet, announce=announce)
    learner.save()
    return opened


def progress_recompute_all() -> int:
    """Every learner at once (after a curriculum reload); no "unlocked" notifications for curriculum edits."""
    opened = 0
    while True:
        unlocked, relocked = _recompute(Progress.objects.all())
        _withdraw_unlocked(relocked)
        opened += len(unlocked)
        completed = list(_pending(Progress.objects.all()).select_related("milestone", "user"))
        for row in completed:
            mark_done(row, row.evidence)
        if not completed:
            return opened


def after_change(user: AbstractBaseUser, quiet: Iterable[int] = (), learner: LearnerProgress | None = None) -> None:
    """After a change to the learner's rows (made in `learner`, or already saved): recompute, save, and refresh
    their plans from the same rows and graph (no second read of either)."""
    learner = learner or LearnerProgress.load(user)
    reflow(learner, quiet=quiet)
    learner.save()
    plans_refresh(user=user, graph=learner.graph, progress=learner.progress_map())


def progress_row(user: AbstractBaseUser, milestone: Milestone) -> Progress:
    """The learner's row for `milestone`, created (with its prerequisites' rows) when missing."""
    if progress_ensure(user=user, milestone_ids=with_prerequisites(curriculum_graph(), [milestone.pk])):
        progress_recompute(user=user)  # existing rows are current: every change recomputes
    return Progress.objects.select_related("milestone").get(user=user, milestone=milestone)
