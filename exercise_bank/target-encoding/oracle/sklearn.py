import numpy as np
from sklearn.preprocessing import TargetEncoder


def target_encode(train_categories, y, test_categories, smoothing=10.0, n_folds=5):
    train = np.asarray(train_categories, dtype=object).reshape(-1, 1)
    test = np.asarray(test_categories, dtype=object).reshape(-1, 1)
    y = np.asarray(y, dtype=np.float64)
    if len(train) != len(y) or len(train) == 0 or smoothing < 0 or not 2 <= n_folds <= len(train):
        raise ValueError("bad input")
    # The statement's interleaved folds (row i in fold i % n_folds), passed to TargetEncoder as explicit splits;
    # smooth=m is the same (sum + m * prior) / (count + m), with each fold's own prior in fit_transform.
    index = np.arange(len(y))
    splits = [(index[index % n_folds != k], index[index % n_folds == k]) for k in range(n_folds)]
    encoder = TargetEncoder(smooth=float(smoothing), target_type="continuous", cv=splits)
    train_encoded = encoder.fit_transform(train, y).ravel()
    return train_encoded, encoder.transform(test).ravel()
