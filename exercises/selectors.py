"""The read side of exercises: what a user may list and read."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.permissions import visible_learner_ids
from config.search import ranked_search
from exercises.feedback import error_display
from exercises.models import FINAL_STATUSES, GPU_KINDS, WORKER_KINDS, Exercise, Review, Submission, SubmissionStatus
from exercises.permissions import can_see_quiz_explanations, can_view_submission
from gpu_runner.graders.quiz import verdict_of
from gpu_runner.spec import PLATFORM_ERROR_CODES
from planner.models import Completion, Milestone, TrackMilestone

EXPLANATIONS_HIDDEN = _("Explanations appear once you pass this quiz.")


def exercise_list(*, milestone: str | None = None, kind: str | None = None) -> QuerySet[Exercise]:
    qs = Exercise.objects.filter(active=True).select_related("milestone", "milestone__stage")
    if milestone:
        qs = qs.filter(milestone__slug=milestone)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def exercise_kinds_by_stage() -> dict[str, dict[str, int]]:
    """{stage slug: {kind: number of active exercises}} in one query (a page's per-stage exercise counts)."""
    counts: dict[str, dict[str, int]] = {}
    rows = Exercise.objects.filter(active=True).values_list("milestone__stage__slug", "kind").annotate(n=Count("id"))
    for stage, kind, n in rows.order_by():
        counts.setdefault(stage, {})[kind] = n
    return counts


def library_q(name: str) -> Q:
    """Exercises that let a learner use the library `name` (a top-level import name such as `numpy`): the
    exercise.yaml `libraries.allowed` or `requires` lists, which load_exercises keeps in `public`."""
    return Q(public__libraries__allowed__contains=[name]) | Q(public__requires__contains=[name])


def exercise_libraries() -> list[str]:
    """Every library some active exercise allows or needs, sorted: the values the `library` filters accept."""
    names: set[str] = set()
    for public in Exercise.objects.filter(active=True).values_list("public", flat=True):
        public = public or {}
        names.update((public.get("libraries") or {}).get("allowed") or [])
        names.update(public.get("requires") or [])
    return sorted(names)


def exercise_search(qs: QuerySet[Exercise], text: str) -> QuerySet[Exercise]:
    """Exercises whose slug, title, milestone title or statement match `text` in either language, best first
    (config.search: a title match before a statement match)."""
    return ranked_search(qs, text, EXERCISE_SEARCH_FIELDS)


EXERCISE_SEARCH_FIELDS = (
    ("slug", "A"),
    ("title_en", "A"),
    ("title_zh", "A"),
    ("milestone__title_en", "B"),
    ("milestone__title_zh", "B"),
    ("statement_en", "C"),
    ("statement_zh", "C"),
)


def exercise_get(*, slug: str) -> Exercise | None:
    return exercise_list().filter(slug=slug).first()


def required_exercise_passes(*, user: AbstractBaseUser, milestone: Milestone) -> dict[str, bool]:
    """Slug -> passed, for every required active exercise of the milestone, in one query: the evidence an auto
    milestone completes on and a mentor's sign-off waits for."""
    # A pass a re-grade replaced is no evidence (exercises.services.regrading).
    passed = Submission.objects.filter(
        user=user, exercise=OuterRef("pk"), status=SubmissionStatus.PASSED, superseded_at__isnull=True
    )
    rows = Exercise.objects.filter(milestone=milestone, required=True, active=True).annotate(passed=Exists(passed))
    return dict(rows.order_by("slug").values_list("slug", "passed"))


def milestone_exercise_states(*, user: AbstractBaseUser, milestone: Milestone) -> list[Exercise]:
    """The milestone's active exercises, each with the user's `attempts` and `state`: passed once any attempt
    passed, else the latest attempt's status, else "not_tried". One query."""
    mine = Submission.objects.filter(user_id=user.pk, exercise=OuterRef("pk"))
    exercises = (
        Exercise.objects.filter(milestone=milestone, active=True)
        .annotate(
            attempts=Count("submissions", filter=Q(submissions__user_id=user.pk)),
            passed=Exists(mine.filter(status=SubmissionStatus.PASSED, superseded_at__isnull=True)),
            latest=Subquery(mine.order_by("-created_at", "-id").values("status")[:1]),
        )
        .order_by("order", "slug")
    )
    for exercise in exercises:
        exercise.state = SubmissionStatus.PASSED if exercise.passed else (exercise.latest or "not_tried")
    return list(exercises)


def submission_list(
    *,
    user: AbstractBaseUser,
    learner_id: int | None = None,
    exercise: str | None = None,
    status: str | None = None,
) -> QuerySet[Submission]:
    """The user's own submissions, or a visible learner's (mentor, staff) when `learner_id` is given."""
    qs = Submission.objects.select_related("exercise", "user")
    if learner_id is None or learner_id == user.pk:
        qs = qs.filter(user=user)
    else:
        visible = visible_learner_ids(user)
        if visible is not None and learner_id not in visible:
            return qs.none()
        qs = qs.filter(user_id=learner_id)
    return _narrowed(qs, exercise=exercise, status=status)


def _narrowed(qs: QuerySet[Submission], *, exercise: str | None, status: str | None) -> QuerySet[Submission]:
    """A list of submissions narrowed to one exercise (slug) and one status, where given."""
    if exercise:
        qs = qs.filter(exercise__slug=exercise)
    if status:
        qs = qs.filter(status=status)
    return qs


def queue_position(submission: Submission) -> int | None:
    """A queued submission's place among those waiting for the same kind of worker (1: next), else None."""
    if submission.status != SubmissionStatus.QUEUED:
        return None
    kinds = GPU_KINDS if submission.exercise.kind in GPU_KINDS else WORKER_KINDS
    ahead = (
        Submission.objects.filter(status=SubmissionStatus.QUEUED, exercise__kind__in=kinds)
        .filter(created_at__lt=submission.created_at)
        .count()
    )
    return ahead + 1


def submission_get(*, user: AbstractBaseUser, submission_id: int) -> Submission | None:
    """A submission the user may see, with its events and reviews; None when absent or not theirs."""
    submission = (
        Submission.objects.select_related("exercise", "user")
        .prefetch_related("events", "reviews__comments", "reviews__mentor")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None or not can_view_submission(user, submission):
        return None
    return submission


def review_queue(
    *,
    mentor: AbstractBaseUser,
    everything: bool = False,
    learner_id: int | None = None,
    exercise: str | None = None,
    status: str | None = None,
) -> QuerySet[Submission]:
    """Submissions of the mentor's learners waiting for a review, oldest first: by default only those that need a
    human (`needs_human`), with `everything` every unreviewed one; narrowed to one learner, exercise or status."""
    from accounts.models import MentorAssignment

    learners = MentorAssignment.objects.filter(mentor=mentor).values("learner_id")
    qs = awaiting_review(learner_ids=learners, everything=everything).exclude(user=mentor)
    if learner_id is not None:
        qs = qs.filter(user_id=learner_id)
    return _narrowed(qs, exercise=exercise, status=status)


# Not a real attempt: the code did not even parse (kept only on rows from before syntax errors were refused).
NOT_A_REAL_ATTEMPT = ("syntax",)


def needs_human() -> Q:
    """What a mentor must look at: a failure after a real attempt (not a syntax error; platform failures never
    reach the queue), passed work on a milestone the learner's track requires or a mentor signs off, and every
    attempt the learner asked a review of, and artefacts waiting for rubric scores. A pass on an optional milestone
    is not worth a mentor's time by default."""
    required_in_track = Exists(
        TrackMilestone.objects.filter(
            milestone_id=OuterRef("exercise__milestone_id"),
            required=True,
            track__enrolments__user_id=OuterRef("user_id"),
        )
    )
    failed = Q(status__in=(SubmissionStatus.FAILED, SubmissionStatus.ERROR)) & ~Q(error_code__in=NOT_A_REAL_ATTEMPT)
    passed = Q(status=SubmissionStatus.PASSED) & (
        Q(exercise__milestone__completion=Completion.MENTOR) | required_in_track
    )
    # An artefact waiting for its rubric scores always needs its mentor.
    return Q(status=SubmissionStatus.REVIEW) | Q(review_requested_at__isnull=False) | failed | passed


def awaiting_review(*, learner_ids: Any, everything: bool = False) -> QuerySet[Submission]:
    """The review queue's rule for any set of learners (ids, or a subquery of them): their final, unreviewed
    learner work (platform failures are not) that needs a human (unless `everything`), and their artefacts awaiting
    rubric scores, oldest first."""
    qs = (
        Submission.objects.select_related("exercise", "exercise__milestone", "user", "user__profile")
        # An artefact waiting for its rubric scores is in the queue too: only a mentor moves it on.
        .filter(
            user_id__in=learner_ids, status__in=(*FINAL_STATUSES, SubmissionStatus.REVIEW), counts_against_quota=True
        )
        .annotate(reviewed=Exists(Review.objects.filter(submission=OuterRef("pk"))))
        .filter(reviewed=False)
    )
    if not everything:
        qs = qs.filter(needs_human())
    return qs.order_by("finished_at", "id")


def quiz_explanations_visible(*, user: AbstractBaseUser | AnonymousUser, submission: Submission) -> bool:
    """Whether the reader gets a quiz submission's explanations: the rule is can_see_quiz_explanations."""
    return can_see_quiz_explanations(user, submission)


def quiz_result_get(*, submission: Submission, explanations: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A quiz submission's (checks, metrics) as a viewer may read them.

    Check messages are verdicts only (results graded before explanations left them carry the English one);
    `metrics["questions"][qid]` keeps `correct` and carries `explanation` only when `explanations`.
    """
    checks = [
        {**check, "message": verdict_of(str(check.get("message") or ""), bool(check.get("passed")))}
        for check in submission.checks or []
        if isinstance(check, dict)
    ]
    metrics = dict(submission.metrics) if isinstance(submission.metrics, dict) else {}
    questions = metrics.get("questions")
    if isinstance(questions, dict):
        metrics["questions"] = {
            qid: {key: value for key, value in detail.items() if explanations or key != "explanation"}
            for qid, detail in questions.items()
            if isinstance(detail, dict)
        }
    return checks, metrics


# A platform failure as a learner (or their mentor) reads it: which worker failed, with what exception and where
# its files are, is for staff and the logs (issue 16, finding 6).
PLATFORM_FAILURE_SHOWN = _(
    "The grading platform failed on this attempt, through no fault of your code; it does not count against your "
    "quota. Submit again; if it keeps failing, tell your mentor."
)
# An absolute path of two or more parts outside the sandbox's own folders: the worker's layout (defence in depth:
# gpu_runner already strips them from its platform errors, but rows stored before it did still hold them).
_HOST_PATH = re.compile(r"(?<![\w.])/(?!(?:scratch|tmp|dev/shm)(?:/|\b))(?:[\w.+@-]+/)+[\w.+@-]+")
_TRACEBACK = re.compile(r"\s*Traceback \(most recent call last\):.*", re.S)


def submission_error_get(*, submission: Submission, viewer: AbstractBaseUser | AnonymousUser | None) -> dict | None:
    """The error of a submission as `viewer` may read it: its code, a `label` for the code and a `message_display`
    in the reader's language (exercises.feedback), and `message` in English. Staff see what was stored; anyone
    else sees a plain message for a platform failure, and the learner's own error without a traceback or a path of
    the worker."""
    if not submission.error_code:
        return None
    code, message = submission.error_code, submission.error_message
    shown = error_display(code=code, message=message, message_i18n=submission.error_i18n, kind=submission.exercise.kind)
    error = {"code": code, "label": shown["label"]}
    if submission.error_i18n is not None:
        error["message_i18n"] = submission.error_i18n  # a platform failure's holds no detail (gpu_runner.spec)
    if viewer is not None and getattr(viewer, "is_staff", False):
        platform = code in PLATFORM_ERROR_CODES
        return {**error, "message": message, "message_display": message if platform else shown["message"]}
    if code in PLATFORM_ERROR_CODES:
        return {**error, "message": str(PLATFORM_FAILURE_SHOWN), "message_display": str(PLATFORM_FAILURE_SHOWN)}
    return {**error, "message": _plain(message), "message_display": _plain(shown["message"])}


def _plain(text: str) -> str:
    return _HOST_PATH.sub("<path>", _TRACEBACK.sub("", text)).strip()


def learner_has_mentor(*, user: AbstractBaseUser) -> bool:
    """Whether anyone mentors this learner: an artefact waits for a mentor's scores, so a learner without one is
    told so (and asks for one) rather than left waiting."""
    from accounts.models import MentorAssignment

    return MentorAssignment.objects.filter(learner_id=user.pk).exists()
