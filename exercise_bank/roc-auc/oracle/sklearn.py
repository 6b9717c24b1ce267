import warnings

from sklearn.metrics import roc_auc_score


def roc_auc(y_true, scores):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # one class only: sklearn warns and returns nan
        return float(roc_auc_score(y_true, scores))
