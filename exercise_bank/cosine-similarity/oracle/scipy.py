"""Oracle: SciPy's cosine distance, which is 1 - cosine similarity (it raises ValueError for different lengths)."""

from scipy.spatial.distance import cosine


def cosine_similarity(a, b):
    if len(a) == len(b) and (not any(a) or not any(b)):
        # SciPy returns nan (with a warning) for a zero vector; the statement asks for a ValueError.
        raise ValueError("the cosine of a zero vector is undefined")
    return 1.0 - float(cosine(a, b))
