# Mistake: finished hypotheses do not free their slot: every step keeps beam_width live hypotheses,
# so more than beam_width hypotheses end up competing.
import math


def beam_search(step, bos, eos, beam_width, max_len, alpha=0.0):
    if beam_width < 1 or max_len < 1:
        raise ValueError("beam_width and max_len must be >= 1")
    beams = [([], 0.0)]
    finished = []
    for _ in range(max_len):
        candidates = []
        for rank, (tokens, total) in enumerate(beams):
            for token, log_p in enumerate(step([bos, *tokens])):
                if log_p != -math.inf:
                    candidates.append((total + float(log_p), rank, token))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        next_beams = []
        for total, rank, token in candidates:
            if len(next_beams) == beam_width:
                break
            tokens = [*beams[rank][0], token]
            (finished if token == eos else next_beams).append((tokens, total))
        beams = next_beams
        if not beams:
            break
    finished.extend(beams)
    scored = [(tokens, total / len(tokens) ** alpha) for tokens, total in finished]
    scored.sort(key=lambda h: (-h[1], h[0]))
    return scored
