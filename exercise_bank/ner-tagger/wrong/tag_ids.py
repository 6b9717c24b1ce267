# Mistake: returns the classifier's integer class ids instead of the tag strings it was trained on: rejected by the tag check.
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression


def fit_predict(X_train, y_train, X_test):
    tags = sorted({tag for sentence in y_train for tag in sentence})
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([{"w=" + t.lower(): 1} for tokens in X_train for t in tokens])
    y = [tags.index(tag) for sentence in y_train for tag in sentence]
    model = LogisticRegression(max_iter=2000).fit(X, y)
    return [
        [int(i) for i in model.predict(vectorizer.transform([{"w=" + t.lower(): 1} for t in tokens]))] if tokens else []
        for tokens in X_test
    ]
