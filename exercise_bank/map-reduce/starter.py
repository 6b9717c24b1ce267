def chunks(n_items, n_workers):
    """Split range(n_items) into n_workers contiguous (start, stop) ranges whose sizes differ by at most one,
    the larger ones first."""
    raise NotImplementedError


def partition(key, n_reducers):
    """The reducer (0 .. n_reducers - 1) that receives `key`: zlib.crc32 of its UTF-8 bytes, modulo n_reducers."""
    raise NotImplementedError


def map_reduce(documents, n_mappers, n_reducers, combine=True):
    """Count the words of `documents` the MapReduce way. Returns {"shuffled": int, "received": [int, ...],
    "reducers": [dict, ...], "counts": dict}."""
    raise NotImplementedError
