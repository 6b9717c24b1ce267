def beam_search(step, bos: int, eos: int, beam_width: int, max_len: int, alpha: float = 0.0) -> list:
    """Beam search in the textbook form: a hypothesis that ends with `eos` leaves the beam, which shrinks by one.

    `step(prefix)` gives the log-probabilities of the next token after `prefix` (a list that starts with
    `bos`). Returns every completed hypothesis as (tokens, score), best first, where tokens exclude `bos`
    and score = sum of log-probabilities / len(tokens) ** alpha.
    """
    raise NotImplementedError
