# Mistake: memorises the tag each training token had most often: test sentences mostly name people, places and organisations never seen in training, so almost nothing is found.
from collections import Counter, defaultdict


def fit_predict(X_train, y_train, X_test):
    seen = defaultdict(Counter)
    for tokens, tags in zip(X_train, y_train):
        for token, tag in zip(tokens, tags):
            seen[token][tag] += 1
    return [[seen[t].most_common(1)[0][0] if t in seen else "O" for t in tokens] for tokens in X_test]
