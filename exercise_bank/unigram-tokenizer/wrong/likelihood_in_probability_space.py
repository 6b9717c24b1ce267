# Mistake: sums probabilities (exp of the scores) and takes the log at the end, so a long text underflows to log(0).
import math

UNK_PENALTY = 10.0  # SentencePiece's kUnkPenalty


def _lattice(text, pieces):
    """For each start position, the nodes (end, score, known) that begin there."""
    scores = {piece: float(score) for piece, score in pieces.items() if piece}
    if not scores:
        raise ValueError("no pieces")
    unk_score = min(scores.values()) - UNK_PENALTY
    longest = max(len(piece) for piece in scores)
    starts = []
    for start in range(len(text)):
        nodes = []
        for end in range(start + 1, min(len(text), start + longest) + 1):
            if text[start:end] in scores:
                nodes.append((end, scores[text[start:end]], True))
        if text[start] not in scores:
            # Without this node a character no piece covers would cut the lattice in two.
            nodes.append((start + 1, unk_score, False))
        starts.append(nodes)
    return starts


def unigram_tokenize(text, pieces):
    """Viterbi: the best path through the lattice; equal scores keep the last piece that starts earliest."""
    lattice = _lattice(text, pieces)
    best = [0.0] + [-math.inf] * len(text)
    back = [None] * (len(text) + 1)
    for start, nodes in enumerate(lattice):
        for end, score, known in nodes:
            candidate = best[start] + score
            if back[end] is None or candidate > best[end]:
                best[end], back[end] = candidate, (start, known)
    path, end = [], len(text)
    while end > 0:
        start, known = back[end]
        path.append((text[start:end], known))
        end = start
    tokens, previous_known = [], True
    for piece, known in reversed(path):
        if not known and not previous_known:
            tokens[-1] += piece  # adjacent unknown characters are one unknown token
        else:
            tokens.append(piece)
        previous_known = known
    return tokens, best[-1]


def _log_add(a, b):
    if a == -math.inf:
        return b
    high = max(a, b)
    return high + math.log(math.exp(a - high) + math.exp(b - high))


def unigram_log_likelihood(text, pieces):
    """The forward algorithm: log of the total probability of all segmentations, in log space."""
    lattice = _lattice(text, pieces)
    forward = [1.0] + [0.0] * len(text)
    for start, nodes in enumerate(lattice):
        for end, score, _ in nodes:
            forward[end] += forward[start] * math.exp(score)
    return math.log(forward[-1])
