# Mistake: F1 = 2PR / (P + R) from precision and recall, so a zero_division stand-in of 1 leaks into F1.
def _ratio(numerator: float, denominator: float, zero_division: float) -> float:
    return numerator / denominator if denominator > 0 else zero_division


def _scores(tp: float, fp: float, fn: float, zero_division: float) -> tuple[float, float, float]:
    precision = _ratio(tp, tp + fp, zero_division)
    recall = _ratio(tp, tp + fn, zero_division)
    # F1 from the counts, not from precision and recall: a zero_division stand-in must not leak into it.
    f1 = _ratio(2 * precision * recall, precision + recall, zero_division)
    return precision, recall, f1


def classification_metrics(y_true: list, y_pred: list, labels: list | None = None, zero_division: float = 0.0) -> dict:
    """Per-class precision, recall, F1 and support, and their macro, micro and weighted averages."""
    if len(y_true) != len(y_pred):
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}")
    if len(y_true) == 0:
        raise ValueError("y_true and y_pred are empty")
    labels = sorted(set(y_true) | set(y_pred)) if labels is None else list(labels)
    counts = []
    for label in labels:
        tp = sum(1 for t, p in zip(y_true, y_pred) if t == label and p == label)
        fp = sum(1 for t, p in zip(y_true, y_pred) if t != label and p == label)
        fn = sum(1 for t, p in zip(y_true, y_pred) if t == label and p != label)
        counts.append((tp, fp, fn))
    per_class = [_scores(tp, fp, fn, zero_division) for tp, fp, fn in counts]
    support = [tp + fn for tp, _, fn in counts]
    result = {
        "labels": labels,
        "precision": [p for p, _, _ in per_class],
        "recall": [r for _, r, _ in per_class],
        "f1": [f for _, _, f in per_class],
        "support": support,
    }
    n = len(labels)
    result["macro"] = {key: sum(result[key]) / n if n else zero_division for key in ("precision", "recall", "f1")}
    totals = [sum(column) for column in zip(*counts)] if counts else [0, 0, 0]
    result["micro"] = dict(zip(("precision", "recall", "f1"), _scores(*totals, zero_division)))
    total_support = sum(support)
    result["weighted"] = {
        key: (sum(v * s for v, s in zip(result[key], support)) / total_support if total_support else zero_division)
        for key in ("precision", "recall", "f1")
    }
    return result
