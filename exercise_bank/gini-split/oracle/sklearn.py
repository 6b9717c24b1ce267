import numpy as np
from sklearn.tree import DecisionTreeClassifier

TIE_TOLERANCE = 1e-9


def gini(y):
    y = np.asarray(y)
    if y.size == 0:
        raise ValueError("empty node")
    # The root impurity of a tree fitted on y is the Gini impurity of y.
    tree = DecisionTreeClassifier(max_depth=1, criterion="gini").fit(np.zeros((y.size, 1)), y)
    return float(tree.tree_.impurity[0])


def _split_score(left, y):
    """Weighted child impurity of one split, as scikit-learn computes it for the tree's root split."""
    tree = DecisionTreeClassifier(max_depth=1, criterion="gini").fit(left[:, None].astype(np.float64), y).tree_
    n = tree.n_node_samples
    return (n[1] * tree.impurity[1] + n[2] * tree.impurity[2]) / n[0]


def best_split(X, y):
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or y.ndim != 1 or X.shape[0] != y.shape[0]:
        raise ValueError("X must be 2-D and y 1-D with the same number of rows")
    if len(y) < 2 or len(np.unique(y)) == 1:
        return None
    # The lowest score over all features, each found by a depth-1 scikit-learn tree on that feature.
    scores = {}
    for feature in range(X.shape[1]):
        t = DecisionTreeClassifier(max_depth=1, criterion="gini").fit(X[:, [feature]], y).tree_
        if t.node_count == 3:
            n = t.n_node_samples
            scores[feature] = (n[1] * t.impurity[1] + n[2] * t.impurity[2]) / n[0]
    if not scores:
        return None
    best = min(scores.values())
    # scikit-learn breaks exact ties by rounding noise (and between features at random), so the
    # statement's order is applied here: the first feature, then the first midpoint, within 1e-9.
    for feature in sorted(f for f, s in scores.items() if s <= best + TIE_TOLERANCE):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2.0:
            score = _split_score(X[:, feature] <= threshold, y)
            if score <= best + TIE_TOLERANCE:
                return feature, float(threshold), float(score)
    return None
