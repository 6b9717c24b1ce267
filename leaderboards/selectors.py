"""The read side of leaderboards: boards, rankings, a learner's entry.

A ranking is two queries whatever the number of entrants: the entrants' names, and each entrant's chosen
submission (a window function keeps the best public score per learner, the earlier submission on a tie). The
private scores are read only for a closed board.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber

from cohorts.models import Cohort, Membership
from exercises.models import RANKED_KINDS, Exercise, Submission, SubmissionStatus
from leaderboards.models import Closing, Entry
from leaderboards.permissions import can_close_board, can_view_board


@dataclass(frozen=True)
class Board:
    exercise: Exercise
    cohort: Cohort | None
    closing: Closing | None

    @property
    def closed(self) -> bool:
        return self.closing is not None


@dataclass(frozen=True)
class Row:
    rank: int
    display_name: str
    public_score: float
    submitted_at: dt.datetime
    user_id: int
    # Only on a closed board; None on an open one (never read from the database then).
    private_score: float | None = None
    private_rank: int | None = None


@dataclass(frozen=True)
class Ranking:
    board: Board
    rows: list[Row] = field(default_factory=list)  # by public rank (by private rank once closed)


def ranked_exercises() -> QuerySet[Exercise]:
    return Exercise.objects.filter(kind__in=RANKED_KINDS).select_related("milestone").order_by("slug")


def board_get(*, user: AbstractBaseUser, slug: str, cohort_id: int | None = None) -> Board | None:
    """The board of a ranked exercise (a cohort's when cohort_id is given) that the user may read; None otherwise."""
    exercise = ranked_exercises().filter(slug=slug).first()
    if exercise is None:
        return None
    cohort = None
    if cohort_id is not None:
        cohort = Cohort.objects.filter(pk=cohort_id).first()
        if cohort is None:
            return None
    if not can_view_board(user, cohort):
        return None
    closing = Closing.objects.filter(exercise=exercise, cohort=cohort).select_related("closed_by").first()
    return Board(exercise=exercise, cohort=cohort, closing=closing)


def board_list(*, user: AbstractBaseUser) -> list[Board]:
    """Every global board, then the boards of the cohorts the user is in or mentors (four queries)."""
    exercises = list(ranked_exercises())
    cohorts = list(
        Cohort.objects.filter(Q(pk__in=Membership.objects.filter(learner=user).values("cohort_id")) | Q(mentors=user))
        .distinct()
        .order_by("name", "pk")
    )
    closings = {(c.exercise_id, c.cohort_id): c for c in Closing.objects.filter(exercise__in=exercises)}
    boards = [Board(exercise=e, cohort=None, closing=closings.get((e.pk, None))) for e in exercises]
    for cohort in cohorts:
        boards += [Board(exercise=e, cohort=cohort, closing=closings.get((e.pk, cohort.pk))) for e in exercises]
    return boards


def entrants(board: Board) -> QuerySet[Entry]:
    rows = Entry.objects.filter(exercise=board.exercise)
    if board.cohort is not None:
        rows = rows.filter(user__in=Membership.objects.filter(cohort=board.cohort).values("learner_id"))
    return rows


def chosen_submissions(board: Board) -> QuerySet[Submission]:
    """Each entrant's submission with the best public score (the earlier on a tie): the one the board ranks, by its
    public score while open and by its private score once closed (Kaggle's rule when a learner picks nothing).
    A re-grade stands in for what it grades again, at the original's time; a closed board counts what was
    submitted before it closed."""
    submitted = Coalesce("regrade_of__created_at", "created_at")
    rows = Submission.objects.filter(
        exercise=board.exercise,
        user__in=entrants(board).values("user_id"),
        status__in=(SubmissionStatus.PASSED, SubmissionStatus.FAILED),
        superseded_at__isnull=True,
        public_score__isnull=False,
        private_score__isnull=False,
    ).annotate(submitted=submitted)
    if board.closing is not None:
        rows = rows.filter(submitted__lte=board.closing.closed_at)
    order = [F("public_score").desc(), F("submitted").asc(), F("id").asc()]
    rows = rows.annotate(pick=Window(RowNumber(), partition_by=[F("user_id")], order_by=order)).filter(pick=1)
    fields = ["id", "user_id", "public_score", "created_at"]
    return rows.only(*fields, "private_score") if board.closed else rows.only(*fields)


def board_ranking(*, board: Board) -> Ranking:
    names = dict(entrants(board).values_list("user_id", "display_name"))
    chosen = sorted(chosen_submissions(board), key=lambda s: (-s.public_score, s.submitted, s.pk))
    public_rank = {s.pk: rank for rank, s in enumerate(chosen, start=1)}
    if not board.closed:
        rows = [Row(public_rank[s.pk], names[s.user_id], s.public_score, s.submitted, s.user_id) for s in chosen]
        return Ranking(board=board, rows=rows)
    by_private = sorted(chosen, key=lambda s: (-s.private_score, s.submitted, s.pk))
    rows = [
        Row(public_rank[s.pk], names[s.user_id], s.public_score, s.submitted, s.user_id, s.private_score, rank)
        for rank, s in enumerate(by_private, start=1)
    ]
    return Ranking(board=board, rows=rows)


def entry_get(*, user: AbstractBaseUser, exercise: Exercise) -> Entry | None:
    if not user.is_authenticated:
        return None
    return Entry.objects.filter(user=user, exercise=exercise).first()


def board_permissions(*, user: AbstractBaseUser, board: Board) -> dict[str, bool]:
    return {"can_close": not board.closed and can_close_board(user, board.cohort)}
