from nltk.metrics.distance import edit_distance as nltk_edit_distance


def edit_distance(source, target, substitution_cost=1, transpositions=False):
    return nltk_edit_distance(source, target, substitution_cost=substitution_cost, transpositions=transpositions)


def correct(word, word_counts, max_distance=2):
    if max_distance < 0:
        raise ValueError("max_distance must be at least 0")
    scored = [
        (nltk_edit_distance(word, candidate, transpositions=True), -count, candidate)
        for candidate, count in word_counts.items()
    ]
    scored = [entry for entry in scored if entry[0] <= max_distance]
    return min(scored)[2] if scored else word
