# Mistake: each hypothesis is extended only by its own best token, so the beam never compares
# "second-best token of the best hypothesis" with the other hypotheses' continuations.
import math


def beam_search(step, bos, eos, beam_width, max_len, alpha=0.0):
    if beam_width < 1 or max_len < 1:
        raise ValueError("beam_width and max_len must be >= 1")
    beams = [([], 0.0)]
    finished = []
    first = True
    for _ in range(max_len):
        candidates = []
        for rank, (tokens, total) in enumerate(beams):
            log_probs = [float(x) for x in step([bos, *tokens])]
            order = sorted(range(len(log_probs)), key=lambda t: (-log_probs[t], t))
            keep = order[:beam_width] if first else order[:1]
            for token in keep:
                if log_probs[token] != -math.inf:
                    candidates.append((total + log_probs[token], rank, token))
        first = False
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        next_beams = []
        for total, rank, token in candidates[: beam_width - len(finished)]:
            tokens = [*beams[rank][0], token]
            (finished if token == eos else next_beams).append((tokens, total))
        beams = next_beams
        if not beams:
            break
    finished.extend(beams)
    scored = [(tokens, total / len(tokens) ** alpha) for tokens, total in finished]
    scored.sort(key=lambda h: (-h[1], h[0]))
    return scored
