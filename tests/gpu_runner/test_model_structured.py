"""Grading tag sequences (entity F1) and rankings (recall@5) returned by a model exercise's fit_predict."""

from __future__ import annotations

import numpy as np
import pytest

from gpu_runner.graders.model_structured import RankingData, TagData, grade_rankings, grade_tags
from gpu_runner.sandbox import CallResult

SENTENCES = [["Ada", "Lovelace", "met", "Babbage"], ["张", "伟", "在", "北", "京"]]
GOLD = [["B-PER", "I-PER", "O", "B-PER"], ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"]]
TAG_DATA = TagData(
    X_train=SENTENCES,
    y_train=GOLD,
    X_test=SENTENCES,
    y_test=GOLD,
    tags=frozenset({"O", "B-PER", "I-PER", "B-LOC", "I-LOC"}),
)
RANKING_DATA = RankingData(
    X_train=[f"document {i}" for i in range(8)], y_train=[["q", 0]], X_test=["a", "b", "c", "d"], y_test=[3, 5, 7, 0]
)


def ok(value):
    return CallResult(ok=True, value=value)


def failed_check(checks):
    return next((c.name, c.message) for c in checks if not c.passed)


def test_perfect_tags_pass_with_f1_one_and_an_all_o_baseline_of_zero():
    checks, metrics, score, passed = grade_tags(ok(GOLD), TAG_DATA, 0.55)
    assert passed and score == 1.0
    assert metrics == {
        "metric": "entity_f1",
        "threshold": 0.55,
        "n_test": 2,
        "entity_precision": 1.0,
        "entity_recall": 1.0,
        "entity_f1": 1.0,
        "baseline": 0.0,
    }
    assert checks[-1].message == (
        "entity F1 1.0000 on 2 hidden test examples; needs 0.55 (tagging every token O scores 0.0000)"
    )


def test_tags_as_numpy_string_arrays_are_accepted():
    predictions = [np.array(tags) for tags in GOLD]
    assert grade_tags(ok(predictions), TAG_DATA, 0.55)[3] is True


def test_half_the_entities_found_scores_entity_f1_not_token_accuracy():
    predictions = [["B-PER", "I-PER", "O", "O"], ["B-PER", "I-PER", "O", "O", "O"]]
    _, metrics, score, passed = grade_tags(ok(predictions), TAG_DATA, 0.55)
    assert metrics["entity_precision"] == 1.0 and metrics["entity_recall"] == 0.5
    assert score == pytest.approx(2 / 3) and passed


def test_a_tag_list_of_the_wrong_length_is_refused_naming_the_sentence():
    checks, metrics, score, passed = grade_tags(ok([GOLD[0], GOLD[1][:3]]), TAG_DATA, 0.55)
    assert (score, passed) == (0.0, False)
    assert failed_check(checks) == (
        "one prediction per test example",
        "Test sentence 1 has 5 tokens but 3 tags: return exactly one tag per token.",
    )
    assert "entity_f1" not in metrics
    # The pages render the keyed text in the reader's language; the English above is what API clients read.
    assert checks[-1].message_i18n == {"key": "tags.wrong_length", "params": {"index": 1, "n": 5, "got": 3}}


def test_integer_tag_ids_are_refused():
    checks, _, _, passed = grade_tags(ok([[1, 2, 0, 1], [1, 2, 0, 3, 4]]), TAG_DATA, 0.55)
    assert not passed
    assert failed_check(checks)[1] == (
        "The tags of test sentence 0 must be strings such as 'B-PER' or 'O', not 1 (int):"
        " return the tag names the model was trained on."
    )


def test_tags_never_seen_in_training_are_refused():
    predictions = [["B-PER", "I-PER", "O", "B-ORG"], ["PER", "I-PER", "O", "B-LOC", "I-LOC"]]
    checks, _, _, passed = grade_tags(ok(predictions), TAG_DATA, 0.55)
    assert not passed
    assert failed_check(checks) == (
        "predictions are valid",
        "The predictions contain tag(s) 'B-ORG', 'PER' that never occur in y_train"
        " (its tags are B-LOC, B-PER, I-LOC, I-PER, O).",
    )


def test_too_few_tag_lists_and_a_raising_fit_predict_fail_with_their_reason():
    checks, _, _, _ = grade_tags(ok([GOLD[0]]), TAG_DATA, 0.55)
    assert failed_check(checks)[1] == "fit_predict must return 2 tag lists (one per test sentence), got 1."
    raised = CallResult(ok=False, error_type="KeyError", error_message="'B-MISC'")
    checks, _, score, passed = grade_tags(raised, TAG_DATA, 0.55)
    assert (score, passed) == (0.0, False)
    assert failed_check(checks) == ("fit_predict ran", "fit_predict raised KeyError: 'B-MISC'")


def test_rankings_score_recall_at_5_against_a_first_five_baseline():
    rankings = [[3, 1], [0, 1, 2, 4, 5], np.array([6, 2]), []]
    checks, metrics, score, passed = grade_rankings(ok(rankings), RANKING_DATA, 0.5)
    assert score == 0.5 and passed
    assert metrics == {"metric": "recall_at_5", "threshold": 0.5, "n_test": 4, "recall_at_5": 0.5, "baseline": 0.5}
    assert checks[-1].message == (
        "recall@5 0.5000 on 4 hidden test examples; needs 0.5 (the first five documents for every question scores"
        " 0.5000)"
    )


@pytest.mark.parametrize(
    ("ranking", "message"),
    [
        (
            [1, 2, 3, 4, 5, 6],
            "The ranking of test question 2 has 6 documents; return at most 5, best first.",
        ),
        (
            [1, 8],
            "The ranking of test question 2 contains 8: rankings hold document indices, integers from 0 to 7"
            " (positions in X_train), not texts, scores or ids.",
        ),
        (
            ["document 1"],
            "The ranking of test question 2 contains 'document 1': rankings hold document indices, integers from 0"
            " to 7 (positions in X_train), not texts, scores or ids.",
        ),
        ([4, 4], "The ranking of test question 2 names document 4 twice; each document counts once."),
        (7, "The ranking of test question 2 must be a list of document indices, got int."),
    ],
)
def test_a_bad_ranking_is_refused_with_what_is_wrong(ranking, message):
    rankings = [[3], [5], ranking, [0]]
    checks, _, score, passed = grade_rankings(ok(rankings), RANKING_DATA, 0.5)
    assert (score, passed) == (0.0, False)
    assert failed_check(checks)[1] == message
