"""Rankings, tie-breaks, opting in and out, display names, closing: the services and selectors."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from leaderboards.models import Closing, Entry
from leaderboards.selectors import board_get, board_list, board_ranking
from leaderboards.services import (
    NAME_CHARACTERS,
    NAME_IMPERSONATES,
    NAME_LENGTH,
    NAME_TAKEN,
    NOT_RANKED,
    board_close,
    entry_join,
    entry_leave,
)
from tests.factories import UserFactory
from tests.leaderboards.conftest import graded

pytestmark = pytest.mark.django_db


def _rows(board):
    return [
        (r.rank, r.display_name, r.public_score, r.private_score, r.private_rank)
        for r in board_ranking(board=board).rows
    ]


def _join(lb, *names):
    for name in names:
        entry_join(user=lb.users[name], exercise=lb.exercise, display_name=name.title() + " X")


def test_ranked_by_best_public_score_and_ties_go_to_the_earlier_submission(lb):
    _join(lb, "ada", "bo", "cy")
    graded(lb.users["ada"], lb.exercise, public=0.80, private=0.99, minutes=1)
    graded(lb.users["ada"], lb.exercise, public=0.90, private=0.10, minutes=5)  # ada's best public
    graded(lb.users["bo"], lb.exercise, public=0.90, private=0.50, minutes=3)  # same public, earlier: ranks first
    graded(lb.users["cy"], lb.exercise, public=0.90, private=0.70, minutes=3)  # same time as bo: the lower id wins
    board = board_get(user=lb.users["ada"], slug=lb.exercise.slug)
    assert _rows(board) == [
        (1, "Bo X", 0.90, None, None),
        (2, "Cy X", 0.90, None, None),
        (3, "Ada X", 0.90, None, None),
    ]


def test_not_opted_in_never_shown_and_leaving_takes_the_learner_off(lb):
    _join(lb, "ada")
    graded(lb.users["ada"], lb.exercise, public=0.7, private=0.7)
    graded(lb.users["bo"], lb.exercise, public=0.99, private=0.99)
    board = board_get(user=lb.users["bo"], slug=lb.exercise.slug)
    assert [r.display_name for r in board_ranking(board=board).rows] == ["Ada X"]
    assert entry_leave(user=lb.users["ada"], exercise=lb.exercise) is True
    assert board_ranking(board=board).rows == []
    assert entry_leave(user=lb.users["ada"], exercise=lb.exercise) is False


def test_superseded_errored_and_unsplit_submissions_do_not_count(lb):
    _join(lb, "ada")
    graded(lb.users["ada"], lb.exercise, public=0.95, private=0.95, superseded_at="2026-03-02T10:00Z")
    graded(lb.users["ada"], lb.exercise, public=0.99, private=0.99, status="error")
    graded(lb.users["ada"], lb.exercise, public=0.6, private=0.6)
    board = board_get(user=lb.users["ada"], slug=lb.exercise.slug)
    assert [r.public_score for r in board_ranking(board=board).rows] == [0.6]


def test_a_cohort_board_ranks_its_members_only(lb):
    _join(lb, "ada", "outsider")
    graded(lb.users["ada"], lb.exercise, public=0.5, private=0.5)
    graded(lb.users["outsider"], lb.exercise, public=0.9, private=0.9)
    board = board_get(user=lb.users["ada"], slug=lb.exercise.slug, cohort_id=lb.cohort.pk)
    assert [r.display_name for r in board_ranking(board=board).rows] == ["Ada X"]
    assert board_get(user=lb.users["outsider"], slug=lb.exercise.slug, cohort_id=lb.cohort.pk) is None
    assert board_get(user=lb.users["other-mentor"], slug=lb.exercise.slug, cohort_id=lb.cohort.pk) is None
    assert board_get(user=lb.users["mentor"], slug=lb.exercise.slug, cohort_id=lb.cohort.pk) is not None


def test_closing_reveals_the_private_ranking_of_the_submission_chosen_by_public_score(lb):
    _join(lb, "ada", "bo")
    graded(lb.users["ada"], lb.exercise, public=0.9, private=0.6, minutes=1)
    graded(lb.users["ada"], lb.exercise, public=0.8, private=0.95, minutes=2)  # not chosen: lower public
    graded(lb.users["bo"], lb.exercise, public=0.85, private=0.7, minutes=1)
    board = board_get(user=lb.users["staff"], slug=lb.exercise.slug)
    closing = board_close(user=lb.users["staff"], board=board)
    assert (closing.closed_by, closing.cohort) == (lb.users["staff"], None)
    board = board_get(user=lb.users["ada"], slug=lb.exercise.slug)
    assert board.closed
    assert _rows(board) == [(2, "Bo X", 0.85, 0.7, 1), (1, "Ada X", 0.9, 0.6, 2)]
    # Closing again answers the first closing; submissions after closing do not count.
    assert board_close(user=lb.users["staff"], board=board) == closing
    graded(lb.users["bo"], lb.exercise, public=0.99, private=0.99, minutes=60 * 24 * 365)
    assert _rows(board_get(user=lb.users["ada"], slug=lb.exercise.slug))[0] == (2, "Bo X", 0.85, 0.7, 1)


@pytest.mark.parametrize(
    ("closer", "cohort", "allowed"),
    [
        ("staff", False, True),
        ("mentor", False, False),
        ("ada", False, False),
        ("mentor", True, True),
        ("staff", True, True),
        ("other-mentor", True, False),
        ("ada", True, False),
    ],
)
def test_who_closes_which_board(lb, closer, cohort, allowed):
    board = board_get(user=lb.users["staff"], slug=lb.exercise.slug, cohort_id=lb.cohort.pk if cohort else None)
    if allowed:
        board_close(user=lb.users[closer], board=board)
        assert Closing.objects.get().closed_by == lb.users[closer]
    else:
        with pytest.raises(PermissionDenied):
            board_close(user=lb.users[closer], board=board)
        assert not Closing.objects.exists()


def test_a_cohort_board_closes_apart_from_the_global_one(lb):
    _join(lb, "ada")
    graded(lb.users["ada"], lb.exercise, public=0.5, private=0.4)
    board_close(
        user=lb.users["mentor"],
        board=board_get(user=lb.users["mentor"], slug="tabular-classifier", cohort_id=lb.cohort.pk),
    )
    assert _rows(board_get(user=lb.users["ada"], slug="tabular-classifier", cohort_id=lb.cohort.pk))[0][3] == 0.4
    assert _rows(board_get(user=lb.users["ada"], slug="tabular-classifier"))[0][3] is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ab", NAME_LENGTH),
        ("x" * 33, NAME_LENGTH),
        ("<script>", NAME_CHARACTERS),
        ("Bo", NAME_LENGTH),
        ("BO_X", NAME_TAKEN),
        ("bo x", NAME_TAKEN),
        ("Ｂｏ Ｘ", NAME_TAKEN),  # full-width letters are the same name after NFKC
        ("Outsider", NAME_IMPERSONATES),
        ("other mentor", NAME_IMPERSONATES),
    ],
)
def test_display_names_are_checked(lb, name, message):
    _join(lb, "bo")
    with pytest.raises(ValidationError) as exc:
        entry_join(user=lb.users["ada"], exercise=lb.exercise, display_name=name)
    assert exc.value.messages == [str(message % exc.value.params if exc.value.params else message)]


def test_a_learner_may_use_their_own_username_and_rename(lb):
    entry = entry_join(user=lb.users["ada"], exercise=lb.exercise, display_name="  ada  ")
    assert entry.display_name == "ada"
    renamed = entry_join(user=lb.users["ada"], exercise=lb.exercise, display_name="Ada Lovelace")
    assert renamed.pk == entry.pk and renamed.display_name == "Ada Lovelace"


def test_only_model_and_finetune_exercises_have_boards(lb):
    with pytest.raises(ValidationError) as exc:
        entry_join(user=lb.users["ada"], exercise=lb.code_exercise, display_name="Ada X")
    assert exc.value.messages == [str(NOT_RANKED)]
    assert board_get(user=lb.users["ada"], slug=lb.code_exercise.slug) is None


def test_board_list_has_every_global_board_and_the_readers_cohorts(lb):
    assert [(b.exercise.slug, b.cohort) for b in board_list(user=lb.users["ada"])] == [
        ("tabular-classifier", None),
        ("tabular-classifier", lb.cohort),
    ]
    assert [b.cohort for b in board_list(user=lb.users["outsider"])] == [None]


def test_ranking_reads_a_fixed_number_of_queries(lb, django_assert_max_num_queries):
    for n in range(30):
        user = UserFactory(username=f"many-{n}")
        entry_join(user=user, exercise=lb.exercise, display_name=f"Many {n}")
        graded(user, lb.exercise, public=n / 100, private=n / 50, minutes=n)
        graded(user, lb.exercise, public=n / 200, private=n / 50, minutes=n + 1)
    board = board_get(user=lb.users["staff"], slug=lb.exercise.slug)
    with django_assert_max_num_queries(2):
        assert len(board_ranking(board=board).rows) == 30
    board_close(user=lb.users["staff"], board=board)
    board = board_get(user=lb.users["staff"], slug=lb.exercise.slug)
    with django_assert_max_num_queries(2):
        rows = board_ranking(board=board).rows
    assert [r.private_rank for r in rows] == list(range(1, 31)) and rows[0].display_name == "Many 29"


def test_a_deleted_account_leaves_every_board(lb):
    from accounts.services.deletion import account_delete

    _join(lb, "ada", "bo")
    graded(lb.users["ada"], lb.exercise, public=0.9, private=0.9)
    account_delete(user=lb.users["ada"])
    board = board_get(user=lb.users["bo"], slug=lb.exercise.slug)
    assert board_ranking(board=board).rows == []
    assert list(Entry.objects.values_list("display_name", flat=True)) == ["Bo X"]
