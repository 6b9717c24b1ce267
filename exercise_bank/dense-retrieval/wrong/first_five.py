# Mistake: returns the same first five documents for every question (no retrieval at all).
def fit_predict(X_train, y_train, X_test):
    return [[0, 1, 2, 3, 4] for _ in X_test]
