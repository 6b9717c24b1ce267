import numpy as np


def top_p_filter(logits: np.ndarray, p: float) -> np.ndarray:
    """Nucleus filtering: keep the smallest set of top tokens whose probability reaches p; -inf for the rest.

    Works along the last axis. Tokens tied with the least likely kept token are kept too.
    Raises ValueError unless 0 <= p <= 1.
    """
    raise NotImplementedError
