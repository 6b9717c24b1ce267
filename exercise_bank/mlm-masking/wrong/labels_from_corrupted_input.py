# Mistake: the labels are taken from the corrupted input, so a masked position asks the model to predict [MASK].
import numpy as np


def mask_tokens(
    input_ids,
    special_mask,
    u_select,
    u_action,
    random_ids,
    mask_id,
    mlm_probability=0.15,
    mask_replace_prob=0.8,
    random_replace_prob=0.1,
    word_ids=None,
):
    """BERT's masked-language-model corruption with the random draws given: returns (inputs, labels)."""
    for name, p in (
        ("mlm_probability", mlm_probability),
        ("mask_replace_prob", mask_replace_prob),
        ("random_replace_prob", random_replace_prob),
    ):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"{name} must be in [0, 1], got {p}")
    if mask_replace_prob + random_replace_prob > 1.0:
        raise ValueError("mask_replace_prob + random_replace_prob must not exceed 1")
    input_ids = np.asarray(input_ids, dtype=np.int64)
    arrays = [special_mask, u_select, u_action, random_ids] + ([] if word_ids is None else [word_ids])
    if any(np.shape(a) != input_ids.shape for a in arrays):
        raise ValueError(f"every array must have the shape of input_ids {input_ids.shape}")
    special = np.asarray(special_mask, dtype=bool)
    selected = ~special & (np.asarray(u_select) < mlm_probability)
    if word_ids is not None:
        selected = _whole_words(np.asarray(word_ids, dtype=np.int64), selected)
    if word_ids is not None:
        # Whole-word masking replaces every selected token: a random piece inside a word would be noise.
        mask_replace_prob, random_replace_prob = 1.0, 0.0
    u_action = np.asarray(u_action)
    to_mask = selected & (u_action < mask_replace_prob)
    to_random = selected & ~to_mask & (u_action < mask_replace_prob + random_replace_prob)
    inputs = np.where(to_mask, mask_id, input_ids)
    inputs = np.where(to_random, np.asarray(random_ids, dtype=np.int64), inputs)
    labels = np.where(selected, inputs, -100)
    return inputs.astype(np.int64), labels.astype(np.int64)


def _whole_words(word_ids, selected):
    """A token is selected when any token of its word (same id in the same row) is; id -1 is never selected."""
    rows_ids = word_ids.reshape(-1, word_ids.shape[-1])
    rows_sel = selected.reshape(rows_ids.shape)
    out = np.zeros_like(rows_sel)
    for row, (ids, sel) in enumerate(zip(rows_ids, rows_sel)):
        chosen = set(ids[sel & (ids >= 0)].tolist())
        out[row] = np.isin(ids, list(chosen)) & (ids >= 0)
    return out.reshape(selected.shape)
