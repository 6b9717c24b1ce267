from collections import Counter


def fit_predict(X_train: list[str], y_train: list[int], X_test: list[str]) -> list[int]:
    """Always predicts the most common training label: macro F1 about 0.33."""
    majority = Counter(y_train).most_common(1)[0][0]
    return [majority] * len(X_test)
