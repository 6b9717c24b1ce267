# Mistake: the corrector takes the most frequent word within max_distance, whatever its distance.
def edit_distance(source, target, substitution_cost=1, transpositions=False):
    """Levenshtein distance (insert 1, delete 1, substitute substitution_cost); with transpositions, the
    unrestricted Damerau-Levenshtein distance (Lowrance and Wagner's algorithm, a transposition costs 1)."""
    rows, cols = len(source) + 1, len(target) + 1
    d = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        d[i][0] = i
    for j in range(cols):
        d[0][j] = j
    last_row = {}  # character -> the last row (1-based) whose source character it is
    for i in range(1, rows):
        last_col = 0  # the last column j < current with target[j - 1] == source[i - 1]
        for j in range(1, cols):
            same = source[i - 1] == target[j - 1]
            d[i][j] = min(
                d[i - 1][j] + 1,
                d[i][j - 1] + 1,
                d[i - 1][j - 1] + (0 if same else substitution_cost),
            )
            k, m = last_row.get(target[j - 1], 0), last_col
            if transpositions and k > 0 and m > 0:
                # Swap source[k-1] and source[i-1] (= target[m-1] and target[j-1]), deleting what lies between them in the source and
                # inserting what lies between them in the target.
                d[i][j] = min(d[i][j], d[k - 1][m - 1] + (i - k - 1) + 1 + (j - m - 1))
            if same:
                last_col = j
        last_row[source[i - 1]] = i
    return d[-1][-1]


def correct(word, word_counts, max_distance=2):
    """The known word closest to `word` (Damerau-Levenshtein), then the most frequent, then the first in order."""
    if max_distance < 0:
        raise ValueError(f"max_distance must be at least 0, got {max_distance}")
    best = None
    for candidate, count in word_counts.items():
        if abs(len(candidate) - len(word)) > max_distance:
            continue  # a length gap is a lower bound of the distance
        distance = edit_distance(word, candidate, transpositions=True)
        if distance <= max_distance:
            key = (-count, distance, candidate)
            if best is None or key < best:
                best = key
    return word if best is None else best[2]
