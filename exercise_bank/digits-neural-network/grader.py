"""Hidden data for digits-neural-network: scikit-learn's 8x8 digits with a fixed stratified split."""

from gpu_runner.datasets import tabular

METRIC = "accuracy"


def load_data():
    data = tabular("digits")
    return data.X_train, data.y_train, data.X_test, data.y_test
