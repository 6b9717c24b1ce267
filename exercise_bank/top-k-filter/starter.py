import numpy as np


def top_k_filter(logits: np.ndarray, k: int) -> np.ndarray:
    """Keep values >= the k-th largest along the last axis; set the others to -inf.

    Ties at the threshold are all kept. Raises ValueError unless 1 <= k <= logits.shape[-1].
    """
    raise NotImplementedError
