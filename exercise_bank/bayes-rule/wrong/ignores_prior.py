# Mistake: the base-rate fallacy: compares the likelihoods and forgets the prior.
def posterior(prior, p_e_given_h, p_e_given_not_h):
    for value in (prior, p_e_given_h, p_e_given_not_h):
        if not 0.0 <= value <= 1.0:
            raise ValueError("not a probability")
    total = p_e_given_h + p_e_given_not_h
    if total == 0:
        raise ValueError("impossible evidence")
    return p_e_given_h / total
