import numpy as np


def mask_tokens(
    input_ids: np.ndarray,
    special_mask: np.ndarray,
    u_select: np.ndarray,
    u_action: np.ndarray,
    random_ids: np.ndarray,
    mask_id: int,
    mlm_probability: float = 0.15,
    mask_replace_prob: float = 0.8,
    random_replace_prob: float = 0.1,
    word_ids: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """BERT's masked-language-model corruption with the random draws given: returns (inputs, labels)."""
    raise NotImplementedError
