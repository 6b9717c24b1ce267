"""One learner's progress recomputed in memory: read their rows once, walk the curriculum graph, write back only
what changed (one UPDATE for every changed row, one INSERT for every notification).

The rules are availability.py's (locked <-> available from the prerequisites, recorded evidence completing a
milestone once they allow it, round again while completions unlock more), applied to the rows of one learner
that are already in memory instead of as set-based UPDATEs: a progress change then costs a fixed handful of
queries, whatever the number of milestones it touches (it was 32 with two plans to refresh; issue 14).
`progress_recompute_all` (a curriculum reload, every learner at once) stays set-based in availability.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from accounts.models import Notification
from config.signals import send_on_commit
from planner import signals
from planner.models import SATISFIED_STATES, Evidence, Progress, ProgressState
from planner.services.graph import Node, curriculum_graph, with_prerequisites

# Evidence that completes a milestone on its own once its prerequisites are satisfied (self-report never waits).
RECORDED_EVIDENCE = (Evidence.AUTO, Evidence.MENTOR)
WRITTEN = ["state", "evidence", "started_at", "completed_at", "updated_at"]


@dataclass
class LearnerProgress:
    """A learner's progress rows by milestone id, with the writes and notifications a change has made so far."""

    user: AbstractBaseUser
    graph: dict[int, Node]
    rows: dict[int, Progress]
    now: dt.datetime = field(default_factory=timezone.now)
    changed: set[int] = field(default_factory=set)
    notifications: list[Notification] = field(default_factory=list)
    relocked: list[int] = field(default_factory=list)
    completed: list[Progress] = field(default_factory=list)

    @classmethod
    def load(cls, user: AbstractBaseUser, graph: dict[int, Node] | None = None) -> LearnerProgress:
        rows = Progress.objects.filter(user_id=user.pk)
        return cls(user=user, graph=graph or curriculum_graph(), rows={r.milestone_id: _owned(r, user) for r in rows})

    def ensure(self, milestone_ids: Iterable[int]) -> int:
        """Locked rows for `milestone_ids` and their prerequisites the learner has none for (the caller
        recomputes). Returns how many were missing."""
        missing = sorted(with_prerequisites(self.graph, milestone_ids) - self.rows.keys())
        if missing:
            new = [Progress(user_id=self.user.pk, milestone_id=i, state=ProgressState.LOCKED) for i in missing]
            Progress.objects.bulk_create(new, ignore_conflicts=True)
            # ignore_conflicts leaves the primary keys unset: read the rows back (this happens once per milestone).
            for row in Progress.objects.filter(user_id=self.user.pk, milestone_id__in=missing):
                self.rows[row.milestone_id] = _owned(row, self.user)
        return len(missing)

    def set(self, row: Progress, **values: object) -> None:
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = self.now
        self.changed.add(row.milestone_id)

    def done(self, row: Progress, evidence: str) -> None:
        started = row.started_at or self.now
        self.set(row, state=ProgressState.DONE, evidence=evidence, started_at=started, completed_at=self.now)
        # The evidence tells a mentor's sign-off from the rest (people choose to be mailed for sign-offs).
        self.tell(Notification.Kind.MILESTONE_DONE, row.milestone_id, {"evidence": evidence})
        self.completed.append(row)

    def tell(self, kind: str, milestone_id: int, params: dict | None = None) -> None:
        self.notifications.append(
            Notification(user_id=self.user.pk, kind=kind, params=params or {}, milestone_id=milestone_id)
        )

    def satisfied(self, milestone_id: int) -> bool:
        row = self.rows.get(milestone_id)
        return row is not None and row.state in SATISFIED_STATES

    def blocked(self, milestone_id: int) -> bool:
        node = self.graph.get(milestone_id)
        return node is not None and not all(self.satisfied(p) for p in node.prerequisites)

    def save(self) -> None:
        """Write what changed: the rows in one UPDATE, the notifications in one INSERT, and withdraw the
        "milestone unlocked" of milestones locked again (one DELETE)."""
        if self.changed:
            Progress.objects.bulk_update([self.rows[i] for i in sorted(self.changed)], WRITTEN)
            self.changed.clear()
        if self.relocked:
            Notification.objects.filter(
                user_id=self.user.pk, kind=Notification.Kind.MILESTONE_UNLOCKED, milestone_id__in=self.relocked
            ).delete()
            self.relocked = []
        if self.notifications:
            Notification.objects.bulk_create(self.notifications)
            self.notifications = []
        for row in self.completed:
            milestone_completed_announce(row)
        self.completed = []

    def progress_map(self) -> dict[int, tuple[str, dt.date | None]]:
        """Milestone id -> (state, local date it was done): what planner.services.plans schedules from."""
        return {
            i: (row.state, timezone.localdate(row.completed_at) if row.completed_at else None)
            for i, row in self.rows.items()
        }


def milestone_completed_announce(row: Progress) -> None:
    """Tell the apps above (webhooks) that a milestone became done, once the change is committed."""
    send_on_commit(
        signals.milestone_completed,
        sender=Progress,
        user_id=row.user_id,
        milestone_id=row.milestone_id,
        evidence=row.evidence,
        completed_at=row.completed_at.isoformat() if row.completed_at else None,
    )


def _owned(row: Progress, user: AbstractBaseUser) -> Progress:
    row.user = user  # the learner is known: reading row.user must not cost a query
    return row


def reflow(state: LearnerProgress, *, quiet: Iterable[int] = (), announce: bool = True) -> list[Progress]:
    """Recompute locked/available, complete what recorded evidence now allows, and tell the learner about newly
    available milestones (not those in `quiet`; none when not `announce`). Returns the rows that became available.
    Writes nothing: the caller saves `state`."""
    quiet_ids = set(quiet)
    opened: list[Progress] = []
    order = sorted(state.rows, key=lambda i: state.graph[i].sort_key if i in state.graph else (0, 0, ""))
    while True:
        blocked = {i for i in order if state.blocked(i)}
        unlocked = [i for i in order if state.rows[i].state == ProgressState.LOCKED and i not in blocked]
        relocked = [i for i in order if state.rows[i].state == ProgressState.AVAILABLE and i in blocked]
        for i in relocked:
            state.set(state.rows[i], state=ProgressState.LOCKED)
        state.relocked.extend(relocked)
        for i in unlocked:
            state.set(state.rows[i], state=ProgressState.AVAILABLE)
        # Unlocking and relocking change no satisfied state, so `blocked` still holds for the completions.
        completed = [
            i
            for i in order
            if i not in blocked
            and state.rows[i].state != ProgressState.DONE
            and state.rows[i].evidence in RECORDED_EVIDENCE
        ]
        for i in completed:
            state.done(state.rows[i], state.rows[i].evidence)
        for i in unlocked:
            if i in completed:
                continue
            if announce and i not in quiet_ids:
                state.tell(Notification.Kind.MILESTONE_UNLOCKED, i)
            opened.append(state.rows[i])
        if not completed:  # a completion may unlock its dependants: go round again
            return opened
