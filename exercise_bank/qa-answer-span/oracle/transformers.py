"""qa-answer-span through transformers' span decoding (`select_starts_ends` and `decode_spans`, the code behind
the question-answering pipelines): p_mask marks every token outside the context, and [CLS] too unless no-answer
is allowed; the pipeline's null score (p_start[CLS] * p_end[CLS]) becomes the empty answer. The character
spans come from the offsets, as in the pipeline."""

import numpy as np
from transformers.pipelines.document_question_answering import select_starts_ends


def answer_spans(start_logits, end_logits, offsets, context, max_answer_len=15, n_best=1, allow_impossible=False):
    start = np.asarray(start_logits, dtype=np.float64)
    end = np.asarray(end_logits, dtype=np.float64)
    offsets = np.asarray(offsets, dtype=np.int64)
    if start.ndim != 1 or end.shape != start.shape or offsets.shape != (start.shape[0], 2):
        raise ValueError("shapes do not fit")
    if max_answer_len < 1 or n_best < 1:
        raise ValueError("max_answer_len and n_best must be >= 1")
    p_mask = (offsets[:, 0] < 0).astype(np.int64)
    if not (p_mask == 0).any():
        raise ValueError("no context")
    if allow_impossible:
        p_mask[0] = 0
    starts, ends, scores, null_score = select_starts_ends(
        start[None],
        end[None],
        p_mask[None],
        attention_mask=None,
        top_k=n_best,
        handle_impossible_answer=allow_impossible,
        max_answer_len=max_answer_len,
    )
    answers = [
        {"text": context[offsets[s, 0] : offsets[e, 1]], "start": int(s), "end": int(e), "score": float(score)}
        for s, e, score in zip(starts, ends, scores)
        if s != 0 and e != 0  # spans over [CLS] have score 0: the null answer is added below
    ]
    if allow_impossible:
        answers.append({"text": "", "start": 0, "end": 0, "score": float(null_score)})
    answers.sort(key=lambda a: (-a["score"], a["start"], a["end"]))
    return answers[:n_best]
