from sacrebleu.metrics import BLEU


def corpus_bleu(hypotheses, references, smooth="exp"):
    # sacreBLEU takes reference *streams* (the k-th reference of every segment); pad with None where a segment
    # has fewer references. It does not check the corpus shape itself, so that is checked here.
    if len(hypotheses) != len(references) or not hypotheses or not all(references):
        raise ValueError("one non-empty list of references per hypothesis, and at least one hypothesis")
    if smooth not in ("exp", "none"):
        raise ValueError(f"unknown smoothing {smooth!r}")
    width = max(len(refs) for refs in references)
    streams = [[refs[k] if k < len(refs) else None for refs in references] for k in range(width)]
    bleu = BLEU(tokenize="none", smooth_method=smooth)
    return bleu.corpus_score(list(hypotheses), streams).score
