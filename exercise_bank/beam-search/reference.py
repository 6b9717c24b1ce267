import math


def beam_search(step, bos: int, eos: int, beam_width: int, max_len: int, alpha: float = 0.0) -> list:
    """Beam search in the textbook form: a hypothesis that ends with `eos` leaves the beam, which shrinks by one.

    `step(prefix)` gives the log-probabilities of the next token after `prefix` (a list that starts with
    `bos`). Returns every completed hypothesis as (tokens, score), best first, where tokens exclude `bos`
    and score = sum of log-probabilities / len(tokens) ** alpha.
    """
    if beam_width < 1:
        raise ValueError(f"beam_width must be >= 1, got {beam_width}")
    if max_len < 1:
        raise ValueError(f"max_len must be >= 1, got {max_len}")
    beams = [([], 0.0)]  # live hypotheses, best first
    finished = []
    for _ in range(max_len):
        candidates = []
        for rank, (tokens, total) in enumerate(beams):
            log_probs = step([bos, *tokens])
            for token, log_p in enumerate(log_probs):
                if log_p != -math.inf:
                    candidates.append((total + float(log_p), rank, token))
        # Highest log-probability first; ties go to the better-ranked parent, then to the smaller token id.
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        next_beams = []
        for total, rank, token in candidates[: beam_width - len(finished)]:
            tokens = [*beams[rank][0], token]
            (finished if token == eos else next_beams).append((tokens, total))
        beams = next_beams
        if not beams:
            break
    finished.extend(beams)  # hypotheses cut by max_len compete without an end token
    scored = [(tokens, total / len(tokens) ** alpha) for tokens, total in finished]
    scored.sort(key=lambda h: (-h[1], h[0]))
    return scored
