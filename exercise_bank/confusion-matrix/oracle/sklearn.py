from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix


def confusion_matrix(y_true, y_pred, labels=None, normalize=None):
    return sklearn_confusion_matrix(y_true, y_pred, labels=labels, normalize=normalize)
