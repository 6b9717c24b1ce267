"""The public/private split of an exercise's hidden rows, as Kaggle keeps it (issue 15, leaderboards).

Row i of an exercise's hidden test set is private iff HMAC-SHA256(key, f"{slug}:{i}") read as an integer is
below PRIVATE_PERCENT mod 100 (half the rows, give or take the draw). The key is derived on the web side from
the deployment's secret seed (`PATHWISE_LEADERBOARD_SEED`, never in the repository) by `split_key`, and travels
in the job spec, so a GPU host needs no extra configuration and learns one exercise's key per job, not the seed.
The split depends on nothing else: the same seed and slug always split the same rows, whoever grades them.

A learner's code never sees the key or the split: both stay in the worker, beside the hidden labels.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

import numpy as np

PRIVATE_PERCENT = 50
KEY_CONTEXT = b"pathwise-leaderboard-split:"


def split_key(seed: str, slug: str) -> str:
    """The exercise's own key (hex) derived from the deployment's seed; an empty seed gives no key (no split)."""
    if not seed:
        return ""
    return hmac.new(seed.encode(), KEY_CONTEXT + slug.encode(), hashlib.sha256).hexdigest()


def private_mask(key: str, slug: str, n: int) -> np.ndarray:
    """A boolean array of length n: True for the rows of the private part."""
    secret = key.encode()
    mask = np.empty(n, dtype=bool)
    for i in range(n):
        digest = hmac.new(secret, f"{slug}:{i}".encode(), hashlib.sha256).digest()
        mask[i] = int.from_bytes(digest[:8], "big") % 100 < PRIVATE_PERCENT
    return mask


def split_scores(
    score_of: Callable[[np.ndarray, np.ndarray], float],
    y_true: np.ndarray,
    y_pred: np.ndarray,
    *,
    key: str,
    slug: str,
) -> dict[str, float]:
    """`public_score` and `private_score`: `score_of(y_true, y_pred)` on each part (empty when there is no key or
    a part has no rows, so such an exercise is simply not ranked)."""
    if not key or len(y_true) == 0:
        return {}
    private = private_mask(key, slug, len(y_true))
    if private.all() or not private.any():
        return {}
    public = ~private
    return {
        "public_score": round(score_of(y_true[public], y_pred[public]), 6),
        "private_score": round(score_of(y_true[private], y_pred[private]), 6),
    }
