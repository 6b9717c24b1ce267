from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def fit_predict(X_train: list[str], y_train: list[int], X_test: list[str]) -> list[int]:
    """Train on English and Chinese sentences labelled 0 (negative) / 1 (positive); return one label per test sentence."""
    # Character n-grams work for both languages: Chinese is written without spaces between words.
    model = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
        LogisticRegression(C=10, max_iter=2000),
    )
    model.fit(X_train, y_train)
    return model.predict(X_test)
