# Mistake: one-hot encodes with the default handle_unknown="error", so the test cities the training set never saw raise an error.
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["tenure_months", "monthly_charges", "support_calls", "age", "income"]
CATEGORICAL = ["plan", "city"]


def fit_predict(X_train, y_train, X_test):
    preprocess = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), NUMERIC),
            ("categorical", OneHotEncoder(), CATEGORICAL),
        ]
    )
    model = make_pipeline(preprocess, LogisticRegression(max_iter=1000)).fit(pd.DataFrame(X_train), y_train)
    return model.predict(pd.DataFrame(X_test))
