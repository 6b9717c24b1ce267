# Mistake: always uses the longest dictionary word as the window, ignoring the max_len argument.
def _window(dictionary, max_len):
    words = {word for word in dictionary if word}
    max_len = max((len(word) for word in words), default=1)
    if max_len < 1:
        raise ValueError(f"max_len must be at least 1, got {max_len}")
    return words, max_len


def forward_max_match(text, dictionary, max_len=None):
    """Forward maximum matching: the longest dictionary word starting at each position, else one character."""
    words, max_len = _window(dictionary, max_len)
    tokens = []
    start = 0
    while start < len(text):
        length = min(max_len, len(text) - start)
        while length > 1 and text[start : start + length] not in words:
            length -= 1
        tokens.append(text[start : start + length])
        start += length
    return tokens


def backward_max_match(text, dictionary, max_len=None):
    """Backward maximum matching: the longest dictionary word ending at each position, else one character."""
    words, max_len = _window(dictionary, max_len)
    tokens = []
    end = len(text)
    while end > 0:
        length = min(max_len, end)
        while length > 1 and text[end - length : end] not in words:
            length -= 1
        tokens.append(text[end - length : end])
        end -= length
    tokens.reverse()
    return tokens


def bidirectional_max_match(text, dictionary, max_len=None):
    """The forward or backward result: fewer tokens, then fewer single characters, then backward."""
    forward = forward_max_match(text, dictionary, max_len)
    backward = backward_max_match(text, dictionary, max_len)
    if len(forward) != len(backward):
        return forward if len(forward) < len(backward) else backward
    singles_forward = sum(len(token) == 1 for token in forward)
    singles_backward = sum(len(token) == 1 for token in backward)
    # Backward matching is right more often on Chinese text, so it keeps every remaining tie.
    return forward if singles_forward < singles_backward else backward
