"""Hidden data for kmeans-clustering: four customer segments, generated once from a fixed seed.

Two features carry the segments (average basket in euros, visits per month: a 2 x 2 grid of
groups); a third, loyalty points in the thousands, is unrelated to them. Without standardisation
k-means clusters on the loyalty points alone and the adjusted Rand index is about 0.
"""

import numpy as np

METRIC = "ari"

SEED = 20240607
N_PER_SEGMENT = 150
N_TRAIN = 400
CENTERS = np.array([[20.0, 2.0], [20.0, 8.0], [60.0, 2.0], [60.0, 8.0]])
SPREAD = np.array([6.0, 0.9])


def load_data():
    rng = np.random.default_rng(SEED)
    segment = np.repeat(np.arange(len(CENTERS)), N_PER_SEGMENT)
    informative = CENTERS[segment] + rng.normal(size=(len(segment), 2)) * SPREAD
    loyalty_points = rng.normal(5000.0, 1500.0, size=len(segment))
    X = np.column_stack([informative, loyalty_points])
    order = rng.permutation(len(segment))
    X, segment = X[order], segment[order]
    # Unsupervised: no training labels. The hidden segments of the test customers score the clustering.
    return X[:N_TRAIN], None, X[N_TRAIN:], segment[N_TRAIN:]
