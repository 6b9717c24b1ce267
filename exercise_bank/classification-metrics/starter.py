def classification_metrics(y_true: list, y_pred: list, labels: list | None = None, zero_division: float = 0.0) -> dict:
    """Return per-class precision, recall, F1 and support, and their averages:

    {"labels": [...], "precision": [...], "recall": [...], "f1": [...], "support": [...],
     "macro": {"precision": p, "recall": r, "f1": f}, "micro": {...}, "weighted": {...}}

    Per-class lists follow `labels` (every label of y_true and y_pred, sorted, when labels is None).
    A ratio whose denominator is 0 is `zero_division`.
    """
    raise NotImplementedError
