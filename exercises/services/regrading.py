"""Re-grading: grading a graded submission again (after a bank fix changed the exercise's version).

A re-grade is a new Submission row of the same attempt, linked to the one it re-checks (`regrade_of`), so history
keeps both results; it spends no quota. It goes through the normal `grading` queue at the lowest priority, so
learners' new submissions are taken first. When its result is recorded, a passed or failed verdict supersedes the
old one (an `error`, a platform failure, leaves the old verdict standing). A milestone done on a pass that no longer
holds stays done, never silently removed: it is marked for review with the reason and the learner is told.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.services import notification_create
from exercises.models import FINAL_STATUSES, Exercise, Submission, SubmissionStatus
from exercises.selectors import required_exercise_passes
from exercises.services.submissions import submission_enqueue
from planner.models import Evidence, Progress, ProgressState

NOT_GRADED = _("Only a graded submission can be re-graded; this one is still being graded.")
ARTEFACT_NOT_REGRADED = _(
    "An artefact is scored by a mentor against its rubric, not by a program, so it is not re-graded; the learner "
    "can submit a new attempt."
)

# Re-grades wait behind learners' submissions: the sweep re-sends one only after this long in the queue.
REGRADE_QUEUED_GRACE_S = 3600
EVIDENCE_REGRADE_FAILED = "regrade_failed"


def _pending() -> Exists:
    return Exists(Submission.objects.filter(regrade_of=OuterRef("pk")).exclude(status__in=FINAL_STATUSES))


@transaction.atomic
def submission_regrade(*, submission: Submission, by: AbstractBaseUser | None) -> Submission:
    """Queue a re-grade of `submission` against the exercise as the bank has it now; one already waiting for the
    same submission is returned instead of a second."""
    if not submission.is_final:
        raise ValidationError({"submission": ValidationError(NOT_GRADED, code="not_graded")})
    if submission.exercise.kind == Exercise.Kind.ARTEFACT:
        # No worker grades an artefact (gpu_runner has no such job kind): a re-grade would only fail there.
        error = ValidationError(ARTEFACT_NOT_REGRADED, code="artefact_not_regraded")
        raise ValidationError({"submission": error})
    waiting = Submission.objects.filter(regrade_of=submission).exclude(status__in=FINAL_STATUSES).first()
    if waiting is not None:
        return waiting
    exercise = submission.exercise
    regrade = Submission(
        user_id=submission.user_id,
        exercise=exercise,
        attempt=submission.attempt,
        payload=submission.payload,
        exercise_sha256=exercise.sha256,
        seed=secrets.randbits(62),
        status=SubmissionStatus.QUEUED,
        counts_against_quota=False,
        regrade_of=submission,
        regraded_by=by,
        deadline_at=timezone.now() + dt.timedelta(seconds=REGRADE_QUEUED_GRACE_S),
    )
    regrade.save()
    submission_enqueue(submission_id=regrade.pk, regrade=True)
    return regrade


def regrade_candidates(
    *, exercise: Exercise, learner_ids: list[int] | None = None, since: dt.datetime | None = None
) -> QuerySet[Submission]:
    """The standing verdicts of an exercise: final rows no re-grade replaced, not failed re-grades (their original
    still stands), none with a re-grade waiting. `learner_ids`: a mentor's learners (None: everyone's)."""
    rows = (
        Submission.objects.filter(exercise=exercise, status__in=FINAL_STATUSES, superseded_at__isnull=True)
        .exclude(regrade_of__isnull=False, status=SubmissionStatus.ERROR)
        .exclude(exercise__kind=Exercise.Kind.ARTEFACT)
        .exclude(_pending())
        .select_related("exercise")
        .order_by("created_at", "id")
    )
    if learner_ids is not None:
        rows = rows.filter(user_id__in=learner_ids)
    if since is not None:
        rows = rows.filter(created_at__gte=since)
    return rows


def exercise_regrade(
    *,
    exercise: Exercise,
    by: AbstractBaseUser | None,
    learner_ids: list[int] | None = None,
    since: dt.datetime | None = None,
) -> list[Submission]:
    """Re-grade every standing verdict of the exercise (of `learner_ids` when given, since `since`)."""
    rows = regrade_candidates(exercise=exercise, learner_ids=learner_ids, since=since)
    return [submission_regrade(submission=row, by=by) for row in rows]


def regrade_recorded(submission: Submission) -> None:
    """After a re-grade's result is recorded (inside that transaction)."""
    if submission.status == SubmissionStatus.ERROR:
        return
    old = Submission.objects.select_related("exercise__milestone").get(pk=submission.regrade_of_id)
    Submission.objects.filter(pk=old.pk).update(superseded_at=timezone.now())
    if old.status == SubmissionStatus.PASSED and submission.status != SubmissionStatus.PASSED:
        evidence_recheck(submission=submission)


def evidence_recheck(*, submission: Submission) -> None:
    """A pass no longer holds: a milestone done on that auto-graded evidence goes to review (it stays done) and the
    learner is told; such evidence recorded on a milestone not done yet is withdrawn (nothing completed on it).
    Done on a mentor's sign-off or the learner's word, a milestone does not rest on the pass and is left alone."""
    milestone = submission.exercise.milestone
    if not submission.exercise.required:
        return
    passes = required_exercise_passes(user=submission.user, milestone=milestone)
    if all(passes.values()):
        return
    row = Progress.objects.filter(user_id=submission.user_id, milestone=milestone).first()
    if row is None:
        return
    if row.state == ProgressState.DONE and row.evidence == Evidence.AUTO:
        row.review_reason = {"key": EVIDENCE_REGRADE_FAILED, "exercise": submission.exercise.slug}
        row.save(update_fields=["review_reason", "updated_at"])
        notification_create(
            user=submission.user,
            kind=Notification.Kind.EVIDENCE_REVIEW,
            params={"exercise": submission.exercise.slug},
            milestone=milestone,
            submission=submission,
        )
    elif row.state != ProgressState.DONE and row.evidence == Evidence.AUTO:
        row.evidence = ""
        row.save(update_fields=["evidence", "updated_at"])


def evidence_review_settle(*, user: AbstractBaseUser, milestone: object) -> None:
    """A new pass on a milestone in review (exercises.services.grading.milestone_evidence_check): once its
    required exercises all pass again, it leaves review."""
    flagged = Progress.objects.filter(user=user, milestone=milestone, review_reason__isnull=False)
    if flagged.exists() and all(required_exercise_passes(user=user, milestone=milestone).values()):
        flagged.update(review_reason=None, updated_at=timezone.now())
