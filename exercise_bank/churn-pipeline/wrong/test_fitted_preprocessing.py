# Mistake: fits the imputer and the scaler again on the test records, so a test customer is scaled against the (shifted) test population instead of the training one.
import numpy as np
import pandas as pd
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

NUMERIC = ["tenure_months", "monthly_charges", "support_calls", "age", "income"]
CATEGORICAL = ["plan", "city"]


def fit_predict(X_train, y_train, X_test):
    train, test = pd.DataFrame(X_train), pd.DataFrame(X_test)
    onehot = OneHotEncoder(handle_unknown="ignore").fit(train[CATEGORICAL])
    numeric_train = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()).fit_transform(train[NUMERIC])
    numeric_test = make_pipeline(SimpleImputer(strategy="median"), StandardScaler()).fit_transform(test[NUMERIC])
    A = np.hstack([numeric_train, onehot.transform(train[CATEGORICAL]).toarray()])
    B = np.hstack([numeric_test, onehot.transform(test[CATEGORICAL]).toarray()])
    return LogisticRegression(max_iter=1000).fit(A, y_train).predict(B)
