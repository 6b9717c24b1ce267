"""Completing milestones on evidence: graded exercises (auto), a mentor's sign-off (mentor), the learner's word
(self). A milestone whose prerequisites are not done or skipped keeps the evidence and completes on its own
once they are (planner.services.availability)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notifications_withdraw
from planner.models import Completion, Evidence, Milestone, Progress, ProgressState
from planner.services.availability import (
    after_change,
    lock_learner,
    mark_done,
    missing_prerequisites,
    progress_row,
)

EVIDENCE_NOT_ACCEPTED = _("Evidence '%(evidence)s' does not complete a milestone whose completion is '%(completion)s'.")
MILESTONE_NOT_SIGNED_OFF = _("This milestone was not completed by a mentor's sign-off.")

# Which evidence completes a milestone of each completion kind: a mentor's word is accepted everywhere;
# auto-graded evidence only where exercises exist; self-report only where the milestone asks for it.
ACCEPTED_EVIDENCE = {
    Completion.SELF: {Evidence.SELF, Evidence.AUTO, Evidence.MENTOR},
    Completion.AUTO: {Evidence.AUTO, Evidence.MENTOR},
    Completion.MENTOR: {Evidence.MENTOR},
}


@transaction.atomic
def milestone_complete(*, user: AbstractBaseUser, milestone: Milestone, evidence: str) -> Progress:
    """Mark a milestone done on evidence (auto: exercises passed; mentor: signed off; self).

    Idempotent: completing a done milestone again changes nothing and sends nothing. While a prerequisite is
    not done or skipped, the evidence is recorded on the row and the milestone completes once it is.
    """
    accepted = ACCEPTED_EVIDENCE[Completion(milestone.completion)]
    if evidence not in accepted:
        params = {"evidence": evidence, "completion": milestone.completion}
        raise ValidationError(
            {"evidence": ValidationError(EVIDENCE_NOT_ACCEPTED, code="evidence_not_accepted", params=params)}
        )
    lock_learner(user)
    row = progress_row(user, milestone)
    if row.state == ProgressState.DONE:
        return row
    if missing_prerequisites(user=user, milestone=milestone):
        if row.evidence != evidence:
            row.evidence = evidence
            row.save(update_fields=["evidence", "updated_at"])
        return row
    mark_done(row, evidence)
    after_change(user)
    row.refresh_from_db()
    return row


@transaction.atomic
def milestone_reopen(*, user: AbstractBaseUser, milestone: Milestone) -> Progress:
    """Undo a mentor's completion (a sign-off withdrawn): the milestone goes back to locked/available as its
    prerequisites say, and what it had unlocked and is not started yet is locked again."""
    lock_learner(user)
    row = progress_row(user, milestone)
    if row.state != ProgressState.DONE or row.evidence != Evidence.MENTOR:
        raise ValidationError({"milestone": ValidationError(MILESTONE_NOT_SIGNED_OFF, code="not_signed_off")})
    row.state, row.evidence = ProgressState.LOCKED, ""
    row.completed_at = None
    row.save()
    notifications_withdraw(user=user, kind=Notification.Kind.MILESTONE_DONE, milestone_ids=[milestone.pk])
    after_change(user, quiet=[milestone.pk])
    row.refresh_from_db()
    return row
