"""The structured metrics of model exercises agree with the field's libraries: seqeval for entity F1."""

from __future__ import annotations

import random

import pytest

from gpu_runner.graders.structured_metrics import bio_entities, entity_scores, recall_at_k

TAGS = ["O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]


def test_bio_entities_reads_well_formed_spans():
    assert bio_entities(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]) == [
        ("PER", 0, 1),
        ("LOC", 3, 3),
        ("LOC", 4, 5),
    ]


def test_bio_entities_starts_an_entity_at_an_i_tag_after_o_or_another_type():
    assert bio_entities(["O", "I-ORG", "I-ORG", "I-PER", "O", "I-LOC"]) == [
        ("ORG", 1, 2),
        ("PER", 3, 3),
        ("LOC", 5, 5),
    ]


def test_bio_entities_of_no_tags_and_of_only_o_are_empty():
    assert bio_entities([]) == []
    assert bio_entities(["O", "O"]) == []


def test_entity_scores_count_exact_type_and_span_matches():
    y_true = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    y_pred = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "I-ORG"]]
    assert entity_scores(y_true, y_pred) == {"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3}


def test_entity_scores_are_zero_without_predicted_entities():
    assert entity_scores([["B-PER"]], [["O"]]) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_entities_do_not_run_across_sentences():
    # An I- at the start of a sentence begins a new entity even when the previous sentence ended in the same type.
    assert entity_scores([["B-LOC"], ["I-LOC"]], [["B-LOC"], ["I-LOC"]])["f1"] == 1.0
    assert entity_scores([["B-LOC", "I-LOC"]], [["B-LOC"], ["I-LOC"]])["f1"] == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_entity_scores_equal_seqeval_on_random_and_ill_formed_tags(seed):
    seqeval = pytest.importorskip("seqeval.metrics")
    rng = random.Random(seed)
    lengths = [rng.randint(0, 12) for _ in range(40)]
    y_true = [[rng.choice(TAGS) for _ in range(n)] for n in lengths]
    y_pred = [[tag if rng.random() < 0.7 else rng.choice(TAGS) for tag in tags] for tags in y_true]
    ours = entity_scores(y_true, y_pred)
    assert ours["precision"] == pytest.approx(seqeval.precision_score(y_true, y_pred, zero_division=0), abs=1e-12)
    assert ours["recall"] == pytest.approx(seqeval.recall_score(y_true, y_pred, zero_division=0), abs=1e-12)
    assert ours["f1"] == pytest.approx(seqeval.f1_score(y_true, y_pred, zero_division=0), abs=1e-12)


def test_recall_at_k_counts_queries_whose_document_is_in_the_first_k():
    rankings = [[3, 1, 2], [0, 4, 5, 6, 7, 8], [9]]
    assert recall_at_k(rankings, [1, 8, 2], k=5) == 1 / 3
    assert recall_at_k(rankings, [1, 8, 2], k=6) == 2 / 3
    assert recall_at_k([], [], k=5) == 0.0
