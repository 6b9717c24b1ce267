import numpy as np
from sklearn.naive_bayes import MultinomialNB


def _model(X, y, alpha):
    if not alpha > 0:
        raise ValueError("alpha must be > 0")  # scikit-learn accepts alpha = 0 with force_alpha=True
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0] or X.shape[0] == 0:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    # force_alpha: use alpha as given, even below 1e-10 (scikit-learn would otherwise clip it).
    return MultinomialNB(alpha=alpha, force_alpha=True).fit(X, y)


def fit_multinomial_nb(X, y, alpha=1.0):
    model = _model(X, y, alpha)
    return {
        "classes": model.classes_,
        "class_log_prior": model.class_log_prior_,
        "feature_log_prob": model.feature_log_prob_,
    }


def predict_multinomial_nb(X_train, y_train, X_test, alpha=1.0):
    model = _model(X_train, y_train, alpha)
    X_test = np.asarray(X_test, dtype=np.float64)
    return model.predict(X_test), model.predict_log_proba(X_test)
