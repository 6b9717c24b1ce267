import numpy as np


def causal_mask(n: int) -> np.ndarray:
    """Return a boolean (n, n) array, True where query i may attend to key j (j <= i)."""
    raise NotImplementedError
