"""mlm-masking through transformers' DataCollatorForLanguageModeling.torch_mask_tokens.

The collator draws its randomness with torch.bernoulli (selection, then [MASK], then random word) and
torch.randint (the random words). Here each torch.bernoulli(p) is answered as `uniform < p` from the
uniforms the grader gives (u_select for the selection; u_action for the [MASK] decision, and the same
draw rescaled to [0, 1) past mask_replace_prob for the random-word decision, exactly the conditional
draw the collator's rescaled probability stands for), and torch.randint returns random_ids. Whole-word
masking feeds the given word ids to the collator's own _whole_word_mask.
"""

import warnings

import numpy as np
import torch
from tokenizers import Tokenizer, models
from transformers import DataCollatorForLanguageModeling, PreTrainedTokenizerFast


def _tokenizer(vocab_size):
    vocab = {f"t{i}": i for i in range(vocab_size)}
    vocab["[MASK]"] = vocab_size
    return PreTrainedTokenizerFast(
        tokenizer_object=Tokenizer(models.WordLevel(vocab, unk_token="t0")), mask_token="[MASK]"
    )


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
    input_ids = np.asarray(input_ids, dtype=np.int64)
    arrays = [special_mask, u_select, u_action, random_ids] + ([] if word_ids is None else [word_ids])
    if any(np.shape(a) != input_ids.shape for a in arrays):
        raise ValueError("every array must have the shape of input_ids")
    for p in (mlm_probability, mask_replace_prob, random_replace_prob):
        if not 0.0 <= p <= 1.0:
            raise ValueError("probabilities must be in [0, 1]")
    shape = input_ids.shape
    rows = lambda a: torch.as_tensor(np.asarray(a).reshape(-1, shape[-1]))  # noqa: E731
    with warnings.catch_warnings():  # whole-word masking: the collator turns random replacement off, and says so
        warnings.simplefilter("ignore")
        collator = DataCollatorForLanguageModeling(
            _tokenizer(int(max(np.max(input_ids), np.max(random_ids), mask_id)) + 1),
            mlm_probability=mlm_probability,
            mask_replace_prob=mask_replace_prob,
            random_replace_prob=random_replace_prob,
            whole_word_mask=word_ids is not None,
        )
    collator.tokenizer.mask_token = collator.tokenizer.convert_ids_to_tokens(int(mask_id))
    u_act = rows(u_action).double()
    rest = 1.0 - mask_replace_prob
    uniforms = [rows(u_select).double(), u_act, (u_act - mask_replace_prob) / rest if rest > 0 else u_act]
    bernoulli, randint = torch.bernoulli, torch.randint
    torch.bernoulli = lambda p, generator=None: (uniforms.pop(0) < p.double()).to(p.dtype)
    torch.randint = lambda *args, **kwargs: rows(random_ids).long()
    if word_ids is not None:
        special = rows(special_mask).bool()
        collator._calc_word_ids_and_prob_mask = lambda offsets, specials: (rows(word_ids).numpy(), special.numpy())
    try:
        inputs, labels = collator.torch_mask_tokens(
            rows(input_ids).long().clone(),
            special_tokens_mask=rows(special_mask).bool(),
            offset_mapping=np.zeros((*rows(input_ids).shape, 2)) if word_ids is not None else None,
        )
    finally:
        torch.bernoulli, torch.randint = bernoulli, randint
    return inputs.numpy().reshape(shape).astype(np.int64), labels.numpy().reshape(shape).astype(np.int64)
