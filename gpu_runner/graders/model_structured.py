"""Model exercises whose predictions are not one label per example: tag sequences and rankings.

`model.py` runs `fit_predict(X_train, y_train, X_test)` in the sandbox as for any model exercise; for the
metrics here it asks this module to load the grader's data and to grade what came back:

- `entity_f1` (sequence labelling, e.g. NER): X are tokenised sentences, y their BIO tags; the learner returns
  one tag per token of every test sentence, each a tag seen in y_train. Scored by micro entity F1.
- `recall_at_5` (retrieval): X_train are the documents, y_train (question, document index) pairs, X_test the
  questions; the learner returns, per question, up to 5 distinct document indices, best first. Scored by the
  fraction of questions whose one relevant document is among them.

The hidden answers (test tags, relevant indices) never leave the worker. `metrics` reports the raw value, the
pass mark and what a solution that learned nothing scores. With a leaderboard key (`split`), it also reports
`public_score` / `private_score`: the same metric on each part of the test sentences / questions (the rows of the
hidden set, gpu_runner.leaderboard), entity F1 micro-averaged within the part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from gpu_runner.graders.compare import error_repr, type_name
from gpu_runner.graders.structured_metrics import OUTSIDE, entity_scores, recall_at_k
from gpu_runner.leaderboard import split_scores
from gpu_runner.spec import Check
from gpu_runner.texts import Text, message

TOP_K = 5
SHOWN = 5  # bad values quoted in a message


@dataclass(frozen=True)
class TagData:
    X_train: list[list[str]]
    y_train: list[list[str]]
    X_test: list[list[str]]
    y_test: list[list[str]]
    tags: frozenset[str]


@dataclass(frozen=True)
class RankingData:
    X_train: list[str]  # the documents
    y_train: list[Any]  # (question, document index) pairs
    X_test: list[str]  # the questions
    y_test: list[int]  # each question's relevant document


Graded = tuple[list[Check], dict[str, Any], float, bool]
NO_SPLIT = ("", "")


def load_tags(exercise: Any, grader: Any) -> TagData:
    X_train, y_train, X_test, y_test = grader.load_data()
    where = f"{exercise.path}/grader.py: load_data"
    for tokens, tags, part in [
        *zip(X_train, y_train, ["train"] * len(X_train)),
        *zip(X_test, y_test, ["test"] * len(X_test)),
    ]:
        if len(tokens) != len(tags):
            raise ValueError(f"{where}: a {part} sentence has {len(tokens)} tokens but {len(tags)} tags")
    if len(X_train) != len(y_train) or len(X_test) != len(y_test):
        raise ValueError(f"{where}: every sentence needs its tags")
    tags = frozenset(tag for sentence in y_train for tag in sentence)
    return TagData(list(X_train), list(y_train), list(X_test), list(y_test), tags)


def load_rankings(exercise: Any, grader: Any) -> RankingData:
    X_train, y_train, X_test, y_test = grader.load_data()
    where = f"{exercise.path}/grader.py: load_data"
    if len(X_test) != len(y_test):
        raise ValueError(f"{where} returned {len(X_test)} test questions but {len(y_test)} relevant documents")
    if not all(isinstance(i, int) and 0 <= i < len(X_train) for i in y_test):
        raise ValueError(f"{where}: y_test must hold indices into X_train")
    return RankingData(list(X_train), list(y_train), list(X_test), [int(i) for i in y_test])


def grade_tags(call: Any, data: TagData, threshold: float, *, split: tuple[str, str] = NO_SPLIT) -> Graded:
    metrics: dict[str, Any] = {"metric": "entity_f1", "threshold": threshold, "n_test": len(data.y_test)}
    checks, predictions = _received(
        call, metrics, len(data.X_test), "tags", lambda items: as_tag_sequences(items, data.X_test)
    )
    if predictions is None:
        return checks, metrics, 0.0, False
    unknown = sorted({tag for sentence in predictions for tag in sentence} - data.tags)
    problem = message("tags.unknown", bad=_quoted(unknown), known=", ".join(sorted(data.tags))) if unknown else None
    if not _check(checks, "model.check_valid", problem):
        return checks, metrics, 0.0, False
    scores = entity_scores(data.y_test, predictions)
    baseline = entity_scores(data.y_test, [[OUTSIDE] * len(tokens) for tokens in data.X_test])["f1"]
    metrics.update({"entity_precision": round(scores["precision"], 6), "entity_recall": round(scores["recall"], 6)})

    def part_f1(rows: np.ndarray, _: np.ndarray) -> float:
        return entity_scores([data.y_test[i] for i in rows], [predictions[i] for i in rows])["f1"]

    metrics.update(_parts(part_f1, len(data.y_test), split))
    return _verdict(checks, metrics, "entity_f1", scores["f1"], threshold, baseline)


def grade_rankings(call: Any, data: RankingData, threshold: float, *, split: tuple[str, str] = NO_SPLIT) -> Graded:
    metrics: dict[str, Any] = {"metric": "recall_at_5", "threshold": threshold, "n_test": len(data.y_test)}
    checks, received = _received(call, metrics, len(data.X_test), "rankings")
    if received is None:
        return checks, metrics, 0.0, False
    rankings, problem = as_rankings(received, len(data.X_train))
    if not _check(checks, "model.check_valid", problem):
        return checks, metrics, 0.0, False
    value = recall_at_k(rankings, data.y_test, TOP_K)
    baseline = recall_at_k([list(range(TOP_K))] * len(data.y_test), data.y_test, TOP_K)

    def part_recall(rows: np.ndarray, _: np.ndarray) -> float:
        return recall_at_k([rankings[i] for i in rows], [data.y_test[i] for i in rows], TOP_K)

    metrics.update(_parts(part_recall, len(data.y_test), split))
    return _verdict(checks, metrics, "recall_at_5", value, threshold, baseline)


def as_tag_sequences(predictions: list[Any], sentences: list[list[str]]) -> tuple[list[list[str]], Text | None]:
    """Each prediction as a list of str, as long as its sentence, or a learner-facing reason why not."""
    out = []
    for index, (tags, tokens) in enumerate(zip(predictions, sentences)):
        if isinstance(tags, np.ndarray) and tags.ndim == 1:
            tags = tags.tolist()
        if not isinstance(tags, (list, tuple)):
            return [], message("tags.sentence_not_a_list", index=index, type=type_name(tags))
        odd = next((t for t in tags if not isinstance(t, str)), None)
        if odd is not None:
            return [], message("tags.not_strings", index=index, value=repr(odd), type=type_name(odd))
        if len(tags) != len(tokens):
            return [], message("tags.wrong_length", index=index, n=len(tokens), got=len(tags))
        out.append(list(tags))
    return out, None


def as_rankings(rankings: list[Any], n_documents: int) -> tuple[list[list[int]], Text | None]:
    """Each ranking as a list of at most TOP_K distinct document indices, or a learner-facing reason why not."""
    out = []
    for index, ranking in enumerate(rankings):
        if isinstance(ranking, np.ndarray) and ranking.ndim == 1:
            ranking = ranking.tolist()
        if not isinstance(ranking, (list, tuple)):
            return [], message("rankings.question_not_a_list", index=index, type=type_name(ranking))
        if len(ranking) > TOP_K:
            return [], message("rankings.too_long", index=index, got=len(ranking), k=TOP_K)
        seen: set[int] = set()
        for item in ranking:
            integral = isinstance(item, (int, np.integer)) and not isinstance(item, (bool, np.bool_))
            if not integral or not 0 <= int(item) < n_documents:
                return [], message("rankings.not_indices", index=index, value=repr(item), last=n_documents - 1)
            if int(item) in seen:
                return [], message("rankings.repeats", index=index, value=int(item))
            seen.add(int(item))
        out.append([int(item) for item in ranking])
    return out, None


def _parts(score_of: Callable[[np.ndarray, np.ndarray], float], n: int, split: tuple[str, str]) -> dict[str, float]:
    """`public_score` / `private_score`: `score_of(row indices, _)` on each part of the n test rows (none without a
    key). The metrics here lie in 0..1 already, so a part's score is its metric, as the whole's is."""
    rows = np.arange(n)
    return split_scores(score_of, rows, rows, key=split[0], slug=split[1])


def _ran(call: Any, metrics: dict[str, Any]) -> tuple[list[Check], Any]:
    ran = message("model.check_ran")
    if call is None or not call.ok:
        problem = (
            message("model.returned_nothing") if call is None else message("model.raised", error=error_repr(call, 300))
        )
        return [Check.of(ran, False, problem)], None
    return [Check.of(ran, True)], call.value


def _received(
    call: Any,
    metrics: dict[str, Any],
    n: int,
    kind: str,
    each: Callable[[list[Any]], tuple[list[Any], Text | None]] | None = None,
) -> tuple[list[Check], list[Any] | None]:
    """The checks that the learner's call ran and returned one `kind` item per test example (each as `each` reads
    it), and the items; None for the items when a check failed, which ends the grading at 0."""
    checks, value = _ran(call, metrics)
    if value is None:
        return checks, None
    items, problem = _as_list(value, n, kind)
    if problem is None and each is not None:
        items, problem = each(items)
    if not _check(checks, "model.check_shape", problem):
        return checks, None
    return checks, items


def _check(checks: list[Check], key: str, problem: Text | None) -> bool:
    """Record the check `key`: passed without a problem; failed with it, which ends the grading at 0."""
    checks.append(Check.of(message(key), problem is None, problem))
    return problem is None


def _as_list(value: Any, n: int, kind: str) -> tuple[list[Any], Text | None]:
    """`kind` is "tags" or "rankings": the message family that says what one item per test example is."""
    if isinstance(value, np.ndarray) and value.ndim >= 1:
        value = list(value)
    if not isinstance(value, (list, tuple)):
        return [], message(f"{kind}.not_a_list", type=type_name(value))
    if len(value) != n:
        return [], message(f"{kind}.wrong_count", n=n, got=len(value))
    return list(value), None


def _verdict(
    checks: list[Check], metrics: dict[str, Any], name: str, value: float, threshold: float, baseline: float
) -> Graded:
    passed = value >= threshold - 1e-12
    metrics.update({name: round(value, 6), "baseline": round(baseline, 6)})
    metric = message(f"metric.{name}")
    report = message(
        "model.metric_report",
        metric=metric,
        value=f"{value:.4f}",
        n=metrics["n_test"],
        threshold=f"{threshold:g}",
        baseline_text=message(BASELINES[name]),
        baseline=f"{baseline:.4f}",
    )
    checks.append(Check.of(message("model.check_metric", metric=metric, threshold=f"{threshold:g}"), passed, report))
    return checks, metrics, float(min(max(value, 0.0), 1.0)), passed


BASELINES = {"entity_f1": "model.baseline_all_outside", "recall_at_5": "model.baseline_first_five"}

# metric name -> (load the grader's data, grade one CallResult); model.py dispatches on these.
# The grader takes `split=(leaderboard key, slug)` as a keyword too.
TASKS: dict[str, tuple[Callable[[Any, Any], Any], Callable[..., Graded]]] = {
    "entity_f1": (load_tags, grade_tags),
    "recall_at_5": (load_rankings, grade_rankings),
}


def _quoted(values: list[str]) -> str:
    shown = ", ".join(repr(v) for v in values[:SHOWN])
    return shown + (", ..." if len(values) > SHOWN else "")
