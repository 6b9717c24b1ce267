"""Hidden data for gradient-boosting-tuning: machine sensor readings written for Pathwise, generated once
from a fixed seed (synthetic, CC0; see gpu_runner/data/README.md).

About 5 % of the machines fail within a week. The failure risk is a non-linear function of seven of the
sixteen readings (saturating, one-sided, U-shaped, periodic and one interaction) plus noise. With the
default settings and the default 0.5 decision threshold a gradient-boosted model predicts too few
failures; tuning its capacity and its decision threshold by cross-validation on the training set is
what passes.
"""

import numpy as np

METRIC = "f1_macro"

SEED = 7031
N_TRAIN, N_TEST, N_SENSORS = 4000, 6000, 16


def _machines(rng, n):
    X = rng.normal(size=(n, N_SENSORS))
    risk = (
        1.2 * np.tanh(2.0 * X[:, 0])
        + 1.0 * np.maximum(X[:, 1], 0.0) ** 1.5
        - 0.9 * np.abs(X[:, 2])
        + 0.8 * X[:, 3] * (X[:, 4] > 0.5)
        + 0.7 * np.sin(2.0 * X[:, 5])
        + 0.6 * (X[:, 6] > 1.0)
    )
    failed = risk - 2.6 + rng.logistic(scale=0.35, size=n) > 0
    return np.round(X, 4), failed.astype(np.int64)


def load_data():
    rng = np.random.default_rng(SEED)
    X_train, y_train = _machines(rng, N_TRAIN)
    X_test, y_test = _machines(rng, N_TEST)
    return X_train, y_train, X_test, y_test
