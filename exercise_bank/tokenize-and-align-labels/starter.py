import numpy as np


def tokenize_and_align_labels(
    words: list[list[str]],
    labels: list[list[int]],
    vocab: dict[str, int],
    max_length: int,
    label_all_tokens: bool = False,
) -> dict[str, np.ndarray]:
    """Tokenise pre-split sentences with BERT's uncased WordPiece tokenizer and align the word labels.

    Returns int64 arrays "input_ids", "attention_mask", "labels" and "word_ids", each (batch, longest row).
    """
    raise NotImplementedError
