import random

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def fit_predict(X_train: list[str], y_train: list[int], X_test: list[str]) -> list[int]:
    """Shuffles the labels separately from the texts (a broken join): the model learns noise."""
    labels = list(y_train)
    random.Random(0).shuffle(labels)
    model = make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3)), LogisticRegression(max_iter=2000))
    model.fit(X_train, labels)
    return model.predict(X_test)
