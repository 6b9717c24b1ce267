def kfold_indices(n: int, k: int) -> list[tuple[list[int], list[int]]]:
    """Return k (train_indices, test_indices) pairs: contiguous folds, the first n % k folds one larger."""
    if not 2 <= k <= n:
        raise ValueError(f"k must be between 2 and n = {n}, got {k}")
    splits = []
    start = 0
    for fold in range(k):
        size = n // k + (1 if fold < n % k else 0)
        test = list(range(start, start + size))
        train = list(range(0, start)) + list(range(start + size, n))
        splits.append((train, test))
        start += size
    return splits
