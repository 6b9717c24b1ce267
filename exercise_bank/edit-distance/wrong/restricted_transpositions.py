# Mistake: only swaps two characters that are adjacent in both strings and never edits between them (optimal string alignment), so ca -> abc costs 3.
def edit_distance(source, target, substitution_cost=1, transpositions=False):
    """Levenshtein distance (insert 1, delete 1, substitute substitution_cost); with transpositions, the
    unrestricted Damerau-Levenshtein distance (Lowrance and Wagner's algorithm, a transposition costs 1)."""
    rows, cols = len(source) + 1, len(target) + 1
    d = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        d[i][0] = i
    for j in range(cols):
        d[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            same = source[i - 1] == target[j - 1]
            d[i][j] = min(
                d[i - 1][j] + 1,
                d[i][j - 1] + 1,
                d[i - 1][j - 1] + (0 if same else substitution_cost),
            )
            if transpositions and i > 1 and j > 1 and source[i - 1] == target[j - 2] and source[i - 2] == target[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
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
            key = (distance, -count, candidate)
            if best is None or key < best:
                best = key
    return word if best is None else best[2]
