"""Metrics for model exercises whose predictions are not one label per example.

- Sequence labelling (NER): one BIO tag per token; scored by entity-level precision, recall and F1, micro-averaged
  over the whole test set, the way `seqeval`'s default (conlleval) mode scores IOB2 tags.
- Retrieval: a ranked list of document indices per query; scored by recall@k with one relevant document per query.

Pure functions of plain lists (no numpy needed), so the tests can compare them with the field's libraries.
"""

from __future__ import annotations

from collections.abc import Sequence

OUTSIDE = "O"


def bio_entities(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """The (type, first, last) token spans of a BIO tag sequence, conlleval style.

    `B-X` always starts an entity; `I-X` continues an open entity of type X and otherwise starts one (an `I-`
    after `O` or after another type is read as a beginning, as conlleval and seqeval do); `O` closes it.
    """
    spans: list[tuple[str, int, int]] = []
    open_type: str | None = None
    start = 0
    for index, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == open_type
        if open_type is not None and not continues:
            spans.append((open_type, start, index - 1))
            open_type = None
        if prefix in ("B", "I") and not continues:
            open_type, start = kind, index
    return spans


def entity_scores(y_true: Sequence[Sequence[str]], y_pred: Sequence[Sequence[str]]) -> dict[str, float]:
    """Micro precision, recall and F1 over exact entity matches (same type, same first and last token)."""
    true = {(n, *span) for n, tags in enumerate(y_true) for span in bio_entities(tags)}
    pred = {(n, *span) for n, tags in enumerate(y_pred) for span in bio_entities(tags)}
    hits = len(true & pred)
    precision = hits / len(pred) if pred else 0.0
    recall = hits / len(true) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def recall_at_k(rankings: Sequence[Sequence[int]], relevant: Sequence[int], k: int) -> float:
    """The fraction of queries whose relevant document is among the first k of its ranking."""
    if not relevant:
        return 0.0
    hits = sum(1 for ranking, target in zip(rankings, relevant) if target in list(ranking)[:k])
    return hits / len(relevant)
