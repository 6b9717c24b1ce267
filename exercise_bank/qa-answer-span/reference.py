import numpy as np


def _softmax(values):
    exp = np.exp(values - values.max())
    return exp / exp.sum()


def answer_spans(start_logits, end_logits, offsets, context, max_answer_len=15, n_best=1, allow_impossible=False):
    """The n_best answer spans of an extractive question-answering model, best first.

    Each answer is {"text", "start", "end", "score"}; score = p_start(start) * p_end(end), the softmaxes taken over
    the context tokens (and [CLS] at position 0 when allow_impossible, whose own pair is the empty answer).
    """
    start_logits = np.asarray(start_logits, dtype=np.float64)
    end_logits = np.asarray(end_logits, dtype=np.float64)
    offsets = np.asarray(offsets, dtype=np.int64)
    seq = start_logits.shape[0]
    if start_logits.shape != (seq,) or end_logits.shape != (seq,) or offsets.shape != (seq, 2):
        raise ValueError("start_logits and end_logits must be (seq,) and offsets (seq, 2)")
    if max_answer_len < 1 or n_best < 1:
        raise ValueError("max_answer_len and n_best must be >= 1")
    in_context = offsets[:, 0] >= 0
    if not in_context.any():
        raise ValueError("no token belongs to the context")
    normalised = in_context.copy()
    if allow_impossible:
        normalised[0] = True  # [CLS] competes in the softmax; its own pair scores "no answer"
    p_start = np.zeros(seq)
    p_end = np.zeros(seq)
    p_start[normalised] = _softmax(start_logits[normalised])
    p_end[normalised] = _softmax(end_logits[normalised])
    candidates = []
    positions = np.flatnonzero(in_context)
    for s in positions:
        for e in positions[(positions >= s) & (positions - s < max_answer_len)]:
            text = context[offsets[s, 0] : offsets[e, 1]]
            candidates.append({"text": text, "start": int(s), "end": int(e), "score": float(p_start[s] * p_end[e])})
    if allow_impossible:
        candidates.append({"text": "", "start": 0, "end": 0, "score": float(p_start[0] * p_end[0])})
    candidates.sort(key=lambda c: (-c["score"], c["start"], c["end"]))
    return candidates[:n_best]
