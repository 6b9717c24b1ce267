def posterior(prior: float, p_e_given_h: float, p_e_given_not_h: float) -> float:
    """Return P(H | E) from P(H), P(E | H) and P(E | not H), by Bayes' rule."""
    raise NotImplementedError
