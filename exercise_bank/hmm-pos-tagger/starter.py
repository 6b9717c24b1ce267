import numpy as np


def train_hmm(tagged_sentences: list[list[tuple[str, str]]], alpha: float = 1.0):
    """Return (tags, vocabulary, log_start, log_trans, log_emit): sorted tags, sorted words, and the add-alpha
    smoothed natural-log probabilities; log_emit has a last column for words outside the vocabulary."""
    raise NotImplementedError


def viterbi(observations: list[int], log_start: np.ndarray, log_trans: np.ndarray, log_emit: np.ndarray):
    """Return (best state path as a list of ints, its log-probability). Ties go to the smallest state index."""
    raise NotImplementedError


def tag(tagged_sentences: list[list[tuple[str, str]]], sentence: list[str], alpha: float = 1.0) -> list[str]:
    """Train the HMM on tagged_sentences, then return the Viterbi tags of sentence."""
    raise NotImplementedError
