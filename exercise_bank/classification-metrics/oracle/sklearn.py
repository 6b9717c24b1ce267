from sklearn.metrics import precision_recall_fscore_support


def classification_metrics(y_true, y_pred, labels=None, zero_division=0.0):
    if labels is None:
        labels = sorted(set(y_true) | set(y_pred))
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, average=None, zero_division=zero_division
    )
    result = {
        "labels": list(labels),
        "precision": precision.tolist(),
        "recall": recall.tolist(),
        "f1": f1.tolist(),
        "support": support.tolist(),
    }
    for average in ("macro", "micro", "weighted"):
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=zero_division
        )
        result[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    return result
