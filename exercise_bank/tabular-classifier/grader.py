"""Hidden data for tabular-classifier: scikit-learn's wine data set with a fixed stratified split."""

from gpu_runner.datasets import tabular

METRIC = "accuracy"


def load_data():
    data = tabular("wine")
    return data.X_train, data.y_train, data.X_test, data.y_test
