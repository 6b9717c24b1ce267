# Mistake: classifies each token on its own (its form, shape and affixes, no neighbours, no tag sequence): a Chinese character or a capitalised word alone rarely tells where a name starts and ends.
import re

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression


def _features(token):
    shape = re.sub(r"[a-z]+", "x", re.sub(r"[A-Z]+", "X", re.sub(r"[0-9]+", "d", token)))
    return {"w=" + token.lower(): 1, "shape=" + shape: 1, "suffix=" + token[-2:]: 1, "prefix=" + token[:2]: 1}


def fit_predict(X_train, y_train, X_test):
    vectorizer = DictVectorizer()
    X = vectorizer.fit_transform([_features(t) for tokens in X_train for t in tokens])
    model = LogisticRegression(C=5.0, max_iter=2000).fit(X, [tag for tags in y_train for tag in tags])
    return [
        list(model.predict(vectorizer.transform([_features(t) for t in tokens]))) if tokens else [] for tokens in X_test
    ]
