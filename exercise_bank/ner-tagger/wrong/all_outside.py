# Mistake: predicts "O" for every token (the majority tag): token accuracy looks high, but no entity is found, so entity F1 is 0.
def fit_predict(X_train, y_train, X_test):
    return [["O"] * len(tokens) for tokens in X_test]
