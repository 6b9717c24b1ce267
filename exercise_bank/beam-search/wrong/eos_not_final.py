# Mistake: a hypothesis that produced the end token stays in the beam and keeps being extended,
# as if the end token were an ordinary word.
import math


def beam_search(step, bos, eos, beam_width, max_len, alpha=0.0):
    if beam_width < 1 or max_len < 1:
        raise ValueError("beam_width and max_len must be >= 1")
    beams = [([], 0.0)]
    for _ in range(max_len):
        candidates = []
        for rank, (tokens, total) in enumerate(beams):
            for token, log_p in enumerate(step([bos, *tokens])):
                if log_p != -math.inf:
                    candidates.append((total + float(log_p), rank, token))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        beams = [([*beams[rank][0], token], total) for total, rank, token in candidates[:beam_width]]
    scored = [(tokens, total / len(tokens) ** alpha) for tokens, total in beams]
    scored.sort(key=lambda h: (-h[1], h[0]))
    return scored
