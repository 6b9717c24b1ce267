import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["tenure_months", "monthly_charges", "support_calls", "age", "income"]
CATEGORICAL = ["plan", "city"]


def fit_predict(X_train: list[dict], y_train: np.ndarray, X_test: list[dict]) -> np.ndarray:
    """Train on customer records labelled 1 (churned) / 0 (stayed); return one label per test record."""
    preprocess = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
            # Cities the training set never saw become all-zero rows instead of an error.
            ("categorical", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ]
    )
    model = make_pipeline(preprocess, LogisticRegression(max_iter=1000))
    # Every statistic (medians, means, scales, categories) is learned from the training rows only.
    model.fit(pd.DataFrame(X_train), y_train)
    return model.predict(pd.DataFrame(X_test))
