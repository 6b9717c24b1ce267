# Mistake: deals the samples out round-robin (0, k, 2k, ...) instead of in contiguous blocks.
def kfold_indices(n, k):
    if not 2 <= k <= n:
        raise ValueError("bad k")
    splits = []
    for fold in range(k):
        test = list(range(fold, n, k))
        train = [i for i in range(n) if i % k != fold]
        splits.append((train, test))
    return splits
