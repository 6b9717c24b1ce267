# Mistake: gives the whole remainder to the last fold instead of one extra sample to each of the first folds.
def kfold_indices(n, k):
    if not 2 <= k <= n:
        raise ValueError("bad k")
    size = n // k
    splits = []
    for fold in range(k):
        stop = n if fold == k - 1 else (fold + 1) * size
        test = list(range(fold * size, stop))
        train = [i for i in range(n) if i not in test]
        splits.append((train, test))
    return splits
