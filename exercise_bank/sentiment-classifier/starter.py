def fit_predict(X_train: list[str], y_train: list[int], X_test: list[str]) -> list[int]:
    """Train on English and Chinese sentences labelled 0 (negative) / 1 (positive); return one label per test sentence."""
    raise NotImplementedError
