import numpy as np


def answer_spans(
    start_logits: np.ndarray,
    end_logits: np.ndarray,
    offsets: np.ndarray,
    context: str,
    max_answer_len: int = 15,
    n_best: int = 1,
    allow_impossible: bool = False,
) -> list[dict]:
    """The n_best answer spans of an extractive question-answering model, best first.

    Each answer is {"text", "start", "end", "score"}.
    """
    raise NotImplementedError
