def posterior(prior: float, p_e_given_h: float, p_e_given_not_h: float) -> float:
    """Return P(H | E) from P(H), P(E | H) and P(E | not H), by Bayes' rule."""
    for name, value in (("prior", prior), ("p_e_given_h", p_e_given_h), ("p_e_given_not_h", p_e_given_not_h)):
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{name} must be a probability in [0, 1], got {value}")
    evidence = p_e_given_h * prior + p_e_given_not_h * (1.0 - prior)
    if evidence == 0.0:
        raise ValueError("the evidence has probability 0, so P(H | E) is not defined")
    return p_e_given_h * prior / evidence
