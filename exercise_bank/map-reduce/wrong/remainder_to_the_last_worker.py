# Mistake: gives the whole remainder to the last worker instead of one extra item to each of the first ones.
import zlib
from collections import Counter


def chunks(n_items, n_workers):
    if n_workers < 1:
        raise ValueError(f"n_workers must be >= 1, got {n_workers}")
    if n_items < 0:
        raise ValueError(f"n_items must be >= 0, got {n_items}")
    size, extra = divmod(n_items, n_workers)
    ranges, start = [], 0
    for worker in range(n_workers):
        stop = start + size + (extra if worker == n_workers - 1 else 0)
        ranges.append((start, stop))
        start = stop
    return ranges


def partition(key, n_reducers):
    if n_reducers < 1:
        raise ValueError(f"n_reducers must be >= 1, got {n_reducers}")
    # Not hash(key): Python salts str hashes per process, so two mappers would disagree about where a key goes.
    return zlib.crc32(key.encode("utf-8")) % n_reducers


def _map(documents, combine):
    """One mapper: (word, count) records, one per word occurrence, or one per distinct word with the combiner."""
    words = [word for document in documents for word in document.lower().split()]
    if combine:
        return list(Counter(words).items())
    return [(word, 1) for word in words]


def map_reduce(documents, n_mappers, n_reducers, combine=True):
    if n_reducers < 1:
        raise ValueError(f"n_reducers must be >= 1, got {n_reducers}")
    inboxes = [[] for _ in range(n_reducers)]
    for start, stop in chunks(len(documents), n_mappers):
        for word, count in _map(documents[start:stop], combine):
            inboxes[partition(word, n_reducers)].append((word, count))
    reducers = []
    for inbox in inboxes:
        totals = Counter()
        for word, count in inbox:
            totals[word] += count
        reducers.append(dict(totals))
    counts = {word: count for output in reducers for word, count in output.items()}
    return {
        "shuffled": sum(len(inbox) for inbox in inboxes),
        "received": [len(inbox) for inbox in inboxes],
        "reducers": reducers,
        "counts": counts,
    }
