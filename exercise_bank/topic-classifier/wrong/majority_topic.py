# Mistake: always predicts the most common training topic: macro F1 about 0.07.
from collections import Counter


def fit_predict(X_train, y_train, X_test):
    majority = Counter(y_train).most_common(1)[0][0]
    return [majority] * len(X_test)
