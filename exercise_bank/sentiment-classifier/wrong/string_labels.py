def fit_predict(X_train: list[str], y_train: list[int], X_test: list[str]) -> list[str]:
    """Returns the words 'pos'/'neg' instead of the integer labels it was given: rejected by the label check."""
    return ["pos" if ("good" in text or "好" in text) else "neg" for text in X_test]
