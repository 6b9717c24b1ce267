# Mistake: returns topic names instead of the integer labels it was given: rejected by the label check.
TOPICS = ["sport", "tech", "business", "health", "culture"]


def fit_predict(X_train, y_train, X_test):
    return ["sport" if ("match" in t or "比赛" in t) else "culture" for t in X_test]
