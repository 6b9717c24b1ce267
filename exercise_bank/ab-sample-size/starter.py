def sample_size_per_arm(
    p1: float, p2: float, alpha: float = 0.05, power: float = 0.8, alternative: str = "two-sided"
) -> int:
    """Users needed in EACH arm to detect conversion rate p2 against p1 with the given alpha and power."""
    raise NotImplementedError


def power_two_proportions(p1: float, p2: float, n: int, alpha: float = 0.05, alternative: str = "two-sided") -> float:
    """Probability of detecting p2 against p1 with n users in each arm."""
    raise NotImplementedError
