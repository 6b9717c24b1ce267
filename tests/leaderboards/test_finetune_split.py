"""A classification fine-tuning job reports its metric on each part of the hidden test examples (a causal LM job's
parts: test_lm_split.py)."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, f1_score

from gpu_runner import leaderboard
from gpu_runner.bank import Bank
from gpu_runner.datasets import lm_corpus, sentiment_corpus
from gpu_runner.graders import finetune
from gpu_runner.models import ModelRegistry, build_tiny_bert
from gpu_runner.spec import JobSpec
from tests.gpu_runner.finetune_configs import finetune_spec

SLUG = "finetune-bert-sentiment"
KEY = leaderboard.split_key("a-test-seed", SLUG)


def _spec(config: dict | None = None, key: str = KEY) -> JobSpec:
    return finetune_spec(Bank.default().get(SLUG), config or {}, job_id="ft", split_key=key)


@pytest.mark.parametrize(
    ("metric", "score_of"),
    [("accuracy", accuracy_score), ("f1_macro", lambda t, p: f1_score(t, p, average="macro", zero_division=0))],
)
def test_part_scores_match_sklearn_on_each_part(metric, score_of):
    rng = np.random.default_rng(3)
    labels = rng.integers(0, 2, 300)
    predictions = np.where(rng.random(300) < 0.8, labels, 1 - labels)
    parts = finetune.part_scores(_spec(), metric, labels.tolist(), predictions.tolist())
    private = leaderboard.private_mask(KEY, SLUG, 300)
    assert parts["public_score"] == pytest.approx(score_of(labels[~private], predictions[~private]), abs=1e-6)
    assert parts["private_score"] == pytest.approx(score_of(labels[private], predictions[private]), abs=1e-6)
    assert finetune.part_scores(_spec(), "perplexity_ratio", labels, predictions) == {}
    assert finetune.part_scores(_spec(key=""), metric, labels, predictions) == {}


def test_a_tiny_bert_job_reports_both_parts_consistent_with_its_accuracy(tmp_path):
    train, _ = lm_corpus()
    registry = ModelRegistry.from_dirs({"tiny-bert": build_tiny_bert(tmp_path / "bert", train)})
    config = {"model": "tiny-bert", "learning_rate": 1e-3, "epochs": 1, "batch_size": 32, "max_seq_length": 48}
    exercise = Bank.default().get(SLUG)
    result = finetune.run(_spec(config), exercise, registry=registry)
    assert result.error is None, result.to_dict()
    n = len(sentiment_corpus(("en",)).test_texts)
    private = leaderboard.private_mask(KEY, SLUG, n)
    # Accuracy is a mean over examples: the parts' accuracies, weighted by their sizes, give the whole one back.
    whole = (result.metrics["public_score"] * (~private).sum() + result.metrics["private_score"] * private.sum()) / n
    assert whole == pytest.approx(result.metrics["accuracy"], abs=1e-5)
