def edit_distance(source: str, target: str, substitution_cost: int = 1, transpositions: bool = False) -> int:
    """Minimum cost to turn source into target: insert 1, delete 1, substitute substitution_cost; with
    transpositions, swapping two adjacent characters costs 1 (unrestricted Damerau-Levenshtein)."""
    raise NotImplementedError


def correct(word: str, word_counts: dict[str, int], max_distance: int = 2) -> str:
    """The known word at the smallest Damerau-Levenshtein distance (at most max_distance), then the most frequent,
    then the first in sorted order; `word` itself when no known word is close enough."""
    raise NotImplementedError
