# Mistake: returns P(E | H) P(H), the numerator, without dividing by P(E).
def posterior(prior, p_e_given_h, p_e_given_not_h):
    for value in (prior, p_e_given_h, p_e_given_not_h):
        if not 0.0 <= value <= 1.0:
            raise ValueError("not a probability")
    return p_e_given_h * prior
