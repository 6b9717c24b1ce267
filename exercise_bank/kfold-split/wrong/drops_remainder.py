# Mistake: every fold has n // k samples, so the last n % k samples are never tested.
def kfold_indices(n, k):
    if not 2 <= k <= n:
        raise ValueError("bad k")
    size = n // k
    splits = []
    for fold in range(k):
        test = list(range(fold * size, (fold + 1) * size))
        train = [i for i in range(n) if i not in test]
        splits.append((train, test))
    return splits
