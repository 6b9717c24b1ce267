import re

import numpy as np
from rouge_score import rouge_scorer


class BilingualTokenizer:
    """The statement's tokenisation; rouge-score's default tokenizer keeps only [a-z0-9] and so drops Chinese."""

    def tokenize(self, text):
        return re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]", text.lower())


def rouge_l(candidate, references, beta=1.0):
    if not beta > 0:
        raise ValueError("beta must be positive")
    scorer = rouge_scorer.RougeScorer(["rougeL"], tokenizer=BilingualTokenizer())
    # rouge-score's F is F1; for another beta, F-beta is computed from its LCS precision and recall.
    scores = [scorer.score(reference, candidate)["rougeL"] for reference in references]
    f = [
        (1 + beta**2) * s.precision * s.recall / (s.recall + beta**2 * s.precision)
        if s.recall + beta**2 * s.precision > 0
        else 0.0
        for s in scores
    ]
    best = int(np.argmax(f))  # first maximum, as RougeScorer.score_multi; empty references raise ValueError
    return {"precision": scores[best].precision, "recall": scores[best].recall, "fmeasure": f[best]}
