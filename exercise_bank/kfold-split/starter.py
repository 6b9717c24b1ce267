def kfold_indices(n: int, k: int) -> list[tuple[list[int], list[int]]]:
    """Return k (train_indices, test_indices) pairs: contiguous folds, the first n % k folds one larger."""
    raise NotImplementedError
