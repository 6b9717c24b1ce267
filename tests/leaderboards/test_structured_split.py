"""Structured model metrics on each part of the hidden rows: entity F1 per part of the test sentences (checked with
seqeval) and recall@5 per part of the test questions (counted here), the verdict and score still the whole set's."""

from __future__ import annotations

import numpy as np
import pytest
from seqeval.metrics import f1_score as seqeval_f1

from gpu_runner import leaderboard
from gpu_runner.graders.model_structured import RankingData, TagData, grade_rankings, grade_tags
from gpu_runner.sandbox import CallResult

NER, RETRIEVAL = "ner-tagger", "dense-retrieval"
TAGS = ["O", "O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]


def _tag_data(n: int = 300) -> tuple[TagData, list[list[str]]]:
    rng = np.random.default_rng(5)
    gold, predicted = [], []
    for _ in range(n):
        length = int(rng.integers(3, 12))
        truth = [TAGS[i] for i in rng.integers(0, len(TAGS), length)]
        gold.append(truth)
        # About three tags in four right, the rest drawn anew (broken spans, wrong types, invented entities).
        predicted.append([t if rng.random() < 0.75 else TAGS[int(rng.integers(0, len(TAGS)))] for t in truth])
    sentences = [[f"w{i}" for i in range(len(tags))] for tags in gold]
    return TagData(sentences, gold, sentences, gold, frozenset(TAGS)), predicted


def test_entity_f1_of_each_part_is_seqevals_on_that_parts_sentences():
    data, predicted = _tag_data()
    key = leaderboard.split_key("a-test-seed", NER)
    _, metrics, score, passed = grade_tags(CallResult(ok=True, value=predicted), data, 0.5, split=(key, NER))
    private = leaderboard.private_mask(key, NER, len(data.y_test))
    for part, rows in (("public_score", ~private), ("private_score", private)):
        expected = seqeval_f1([g for g, r in zip(data.y_test, rows) if r], [p for p, r in zip(predicted, rows) if r])
        assert metrics[part] == pytest.approx(expected, abs=1e-6)
    whole = seqeval_f1(data.y_test, predicted)
    assert metrics["entity_f1"] == pytest.approx(whole, abs=1e-6) and score == pytest.approx(whole)
    assert passed == (whole >= 0.5)
    assert metrics["public_score"] != metrics["private_score"]


def _ranking_data(n: int = 400) -> tuple[RankingData, list[list[int]]]:
    rng = np.random.default_rng(9)
    relevant = rng.integers(0, 50, n).tolist()
    rankings = [rng.choice(50, size=5, replace=False).tolist() for _ in range(n)]
    for ranking, target in zip(rankings, relevant):
        if rng.random() < 0.5 and target not in ranking:
            ranking[int(rng.integers(0, 5))] = target
    data = RankingData([f"document {i}" for i in range(50)], [["q", 0]], [f"q{i}" for i in range(n)], relevant)
    return data, rankings


def test_recall_at_5_of_each_part_counts_that_parts_questions():
    data, rankings = _ranking_data()
    key = leaderboard.split_key("a-test-seed", RETRIEVAL)
    _, metrics, score, _ = grade_rankings(CallResult(ok=True, value=rankings), data, 0.4, split=(key, RETRIEVAL))
    private = leaderboard.private_mask(key, RETRIEVAL, len(data.y_test))
    hits = np.array([target in ranking for ranking, target in zip(rankings, data.y_test)])
    assert metrics["public_score"] == pytest.approx(hits[~private].mean(), abs=1e-6)
    assert metrics["private_score"] == pytest.approx(hits[private].mean(), abs=1e-6)
    assert metrics["recall_at_5"] == pytest.approx(hits.mean(), abs=1e-6) and score == pytest.approx(hits.mean())


def test_without_a_key_neither_structured_metric_is_split():
    data, predicted = _tag_data(20)
    _, metrics, _, _ = grade_tags(CallResult(ok=True, value=predicted), data, 0.5)
    assert "public_score" not in metrics and "private_score" not in metrics
    _, metrics, _, _ = grade_tags(CallResult(ok=True, value=predicted), data, 0.5, split=("", NER))
    assert "public_score" not in metrics
    ranking_data, rankings = _ranking_data(20)
    _, metrics, _, _ = grade_rankings(CallResult(ok=True, value=rankings), ranking_data, 0.4)
    assert "public_score" not in metrics and "private_score" not in metrics


@pytest.mark.parametrize("slug", [NER, RETRIEVAL])
def test_a_model_job_passes_its_key_to_the_structured_grader(monkeypatch, slug):
    """model.run with the sandbox replaced by one that returns the hidden answers (tags, or the relevant document
    first): both parts score 1 with a key, and there are no parts without one."""
    from gpu_runner import sandbox
    from gpu_runner.bank import Bank
    from gpu_runner.graders import model
    from gpu_runner.spec import ExerciseRef, JobSpec

    exercise = Bank.default().get(slug)
    y_test = exercise.load_module("grader").load_data()[3]
    answers = list(y_test) if slug == NER else [[int(i)] for i in y_test]
    returned = sandbox.SandboxResult(None, "", [CallResult(ok=True, value=answers)], "", "", {}, "test")
    monkeypatch.setattr(sandbox, "run_calls", lambda *args, **kwargs: returned)
    for key in (leaderboard.split_key("a-test-seed", slug), ""):
        spec = JobSpec(
            job_id="lb",
            kind="model",
            exercise=ExerciseRef(slug=slug, sha256=exercise.sha256),
            payload={"source": "def fit_predict(a, b, c): pass"},
            limits=exercise.limits,
            seed=1,
            split_key=key,
        )
        result = model.run(spec, exercise)
        assert result.status == "passed" and result.score == 1.0
        parts = {k: v for k, v in result.metrics.items() if k in ("public_score", "private_score")}
        assert parts == ({"public_score": 1.0, "private_score": 1.0} if key else {})
