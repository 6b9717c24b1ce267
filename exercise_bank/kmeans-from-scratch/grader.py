"""Cases for kmeans-from-scratch: the statement's examples shown; random blobs, an empty cluster,
duplicated initial centroids, a distance tie, an already converged start and bad input hidden.

Tie and empty-cluster cases use integer coordinates, so their distances are exact in any order of
floating-point operations.
"""

import numpy as np

from gpu_runner.graders.case_texts import bilingual
from gpu_runner.graders.code import case_maker, with_hints

X_EXAMPLE = np.array([[1.0, 1.0], [1.5, 2.0], [3.0, 4.0], [5.0, 7.0], [3.5, 5.0], [4.5, 5.0], [3.5, 4.5]])
INIT_EXAMPLE = np.array([[1.0, 1.0], [5.0, 7.0]])
ITERATIONS = {
    "en": "count every assignment + update round, including the last one in which no centroid moved",
    "zh": "每一轮“分配 + 更新”都要计数，包括最后那一轮没有任何质心移动的",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "random blobs": ITERATIONS,
    "a centroid far away stays empty": {
        "en": "a cluster that gets no point keeps its previous centroid (the mean of nothing is nan)",
        "zh": "没有分到任何点的簇保留原来的质心（空集合的均值是 nan）",
    },
    "duplicated initial centroids": {
        "en": "with two equal centroids every point picks the lower index; the other cluster is empty and keeps "
        "its centroid",
        "zh": "两个质心相同时，每个点都选下标较小的那个；另一个簇为空，保留原质心",
    },
    "a point at equal distance from two centroids": {
        "en": "on a tie, assign the point to the centroid with the lower index",
        "zh": "距离相等时，把点分给下标较小的质心",
    },
    "starting at a fixed point": ITERATIONS,
    "centroids of the wrong width": {
        "en": "init_centroids must have one column per feature of X",
        "zh": "init_centroids 的列数必须与 X 的特征数相同",
    },
}


_kmeans = case_maker("kmeans")


def _blobs(rng, k, d, per):
    centres = rng.uniform(-10, 10, size=(k, d))
    X = np.concatenate([c + rng.normal(size=(per, d)) for c in centres])
    return X[rng.permutation(len(X))]


def make_cases(rng):
    cases = [
        _kmeans(
            bilingual("example: seven points, two clusters", "示例：七个点，两个簇"),
            X_EXAMPLE,
            INIT_EXAMPLE,
            visible=True,
        ),
        _kmeans(
            bilingual("example: max_iter = 1", "示例：max_iter = 1"), X_EXAMPLE, INIT_EXAMPLE, max_iter=1, visible=True
        ),
    ]
    for i, (k, d) in enumerate([(3, 2), (4, 3), (5, 2)]):
        X = _blobs(rng, k, d, int(rng.integers(8, 20)))
        init = X[rng.choice(len(X), size=k, replace=False)]
        cases.append(
            _kmeans(
                bilingual(f"random blobs {i + 1}: k = {k}, d = {d}", f"随机团簇 {i + 1}：k = {k}，d = {d}"), X, init
            )
        )
    grid = rng.integers(0, 10, size=(20, 2)).astype(np.float64)
    centres = rng.choice(np.arange(-5, 5), size=(3, 2), replace=False).astype(np.float64) * 10
    plus = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0], [0.0, 0.0]])
    crosses = np.concatenate([c + plus * rng.integers(1, 3) for c in centres])
    # (English name, Chinese name, X, initial centroids)
    rows = [
        (
            "a centroid far away stays empty",
            "远处的质心始终为空",
            grid,
            np.array([[2.0, 2.0], [7.0, 7.0], [100.0, -100.0]]),
        ),
        ("duplicated initial centroids", "重复的初始质心", grid, np.array([[3.0, 3.0], [3.0, 3.0], [8.0, 8.0]])),
        (
            "a point at equal distance from two centroids",
            "到两个质心距离相等的点",
            np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 0.0], [0.0, 1.0], [4.0, 1.0]]),
            np.array([[0.0, 0.0], [4.0, 0.0]]),
        ),
        (
            "starting at a fixed point: one iteration",
            "从不动点出发：只需一轮",
            crosses[rng.permutation(len(crosses))],
            centres,
        ),
        ("centroids of the wrong width raise ValueError", "质心维数不对时抛出 ValueError", crosses, np.zeros((2, 3))),
        ("more clusters than points raise ValueError", "簇比点多时抛出 ValueError", crosses[:2], crosses[:3]),
    ]
    cases += [_kmeans(bilingual(en, zh), X, init) for en, zh, X, init in rows]
    return with_hints(cases, HINTS)
