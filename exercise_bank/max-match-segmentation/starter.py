def forward_max_match(text: str, dictionary: list[str], max_len: int | None = None) -> list[str]:
    """Left to right: at each position take the longest dictionary word (at most max_len characters) that starts
    there, or the single character when none does."""
    raise NotImplementedError


def backward_max_match(text: str, dictionary: list[str], max_len: int | None = None) -> list[str]:
    """Right to left: at each position take the longest dictionary word that ends there, or the single character.
    The tokens are returned in text order."""
    raise NotImplementedError


def bidirectional_max_match(text: str, dictionary: list[str], max_len: int | None = None) -> list[str]:
    """Fewer tokens wins; then fewer single-character tokens; a remaining tie goes to the backward result."""
    raise NotImplementedError
