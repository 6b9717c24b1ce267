# Mistake: multiplies probabilities instead of adding log-scores, so a long sentence underflows to 0 and the path is lost.
import numpy as np


def train_hmm(tagged_sentences, alpha=1.0):
    """(tags, vocabulary, log_start, log_trans, log_emit) with add-alpha smoothing; natural logarithms.

    log_emit has one column per vocabulary word plus a last column for any word outside the vocabulary."""
    if not alpha > 0:
        raise ValueError(f"alpha must be positive, got {alpha!r}")
    if not tagged_sentences or not any(tagged_sentences):
        raise ValueError("no tagged words to train on")
    tags = sorted({tag for sentence in tagged_sentences for _, tag in sentence})
    vocabulary = sorted({word for sentence in tagged_sentences for word, _ in sentence})
    tag_id = {tag: i for i, tag in enumerate(tags)}
    word_id = {word: i for i, word in enumerate(vocabulary)}
    n_tags, n_words = len(tags), len(vocabulary)
    start = np.zeros(n_tags)
    trans = np.zeros((n_tags, n_tags))
    emit = np.zeros((n_tags, n_words + 1))
    for sentence in tagged_sentences:
        previous = None
        for word, tag in sentence:
            t = tag_id[tag]
            if previous is None:
                start[t] += 1
            else:
                trans[previous, t] += 1
            emit[t, word_id[word]] += 1
            previous = t
    log_start = np.log((start + alpha) / (start.sum() + alpha * n_tags))
    log_trans = np.log((trans + alpha) / (trans.sum(axis=1, keepdims=True) + alpha * n_tags))
    # An unknown word gets the share of a word never seen with the tag: its count is 0 in the last column.
    log_emit = np.log((emit + alpha) / (emit.sum(axis=1, keepdims=True) + alpha * n_words))
    return tags, vocabulary, log_start, log_trans, log_emit


def viterbi(observations, log_start, log_trans, log_emit):
    """The most probable state path for the observation indices and its log-probability.

    Ties go to the smallest state index, both for a predecessor and for the last state."""
    log_start, log_trans, log_emit = (np.asarray(a, dtype=np.float64) for a in (log_start, log_trans, log_emit))
    n_states = log_start.shape[0]
    if log_start.ndim != 1 or log_trans.shape != (n_states, n_states) or log_emit.ndim != 2:
        raise ValueError("log_start must be (S,), log_trans (S, S) and log_emit (S, V)")
    if log_emit.shape[0] != n_states or any(not 0 <= o < log_emit.shape[1] for o in observations):
        raise ValueError("log_emit must have S rows and every observation must be a column of it")
    if len(observations) == 0:
        return [], 0.0
    start, trans, emit = np.exp(log_start), np.exp(log_trans), np.exp(log_emit)
    score = start * emit[:, observations[0]]
    back = []
    for o in observations[1:]:
        candidates = score[:, None] * trans
        best = np.argmax(candidates, axis=0)
        back.append(best)
        score = candidates[best, np.arange(n_states)] * emit[:, o]
    last = int(np.argmax(score))
    if score[last] == 0:
        raise ValueError("every state path has probability 0")
    score = np.log(score)
    if score[last] == -np.inf:
        raise ValueError("every state path has probability 0")
    path = [last]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    path.reverse()
    return path, float(score[last])


def tag(tagged_sentences, sentence, alpha=1.0):
    """The Viterbi tags of `sentence` under the HMM trained on `tagged_sentences`."""
    tags, vocabulary, log_start, log_trans, log_emit = train_hmm(tagged_sentences, alpha)
    column = {word: i for i, word in enumerate(vocabulary)}
    observations = [column.get(word, len(vocabulary)) for word in sentence]
    path, _ = viterbi(observations, log_start, log_trans, log_emit)
    return [tags[i] for i in path]
