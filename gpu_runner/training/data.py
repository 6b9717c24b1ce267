"""Tokenised examples -> batches: length-grouped order, dynamic padding, LM blocks.

Every text is tokenised once up front (the fast tokenizer's batch call), without padding; a batch is
padded only to its own longest member, and batches are built from examples of similar length so that
padding (wasted compute) stays small.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

IGNORE_INDEX = -100  # label value the loss skips (padding)


@dataclass(frozen=True)
class ClassificationData:
    train_texts: list[str]
    train_labels: list[int]
    test_texts: list[str]
    test_labels: list[int]
    label_names: list[str]


@dataclass(frozen=True)
class LMData:
    train_texts: list[str]
    test_texts: list[str]


def encode(tokenizer: Any, texts: Sequence[str], max_length: int, *, special_tokens: bool = True) -> list[list[int]]:
    if not texts:
        return []
    out = tokenizer(
        list(texts),
        truncation=max_length is not None,
        max_length=max_length,
        add_special_tokens=special_tokens,
        padding=False,
        return_attention_mask=False,
    )
    return [list(ids) for ids in out["input_ids"]]


def lm_blocks(tokenizer: Any, texts: Sequence[str], block: int, *, drop_last: bool) -> list[list[int]]:
    """Concatenate the texts (each followed by EOS) and cut the stream into blocks of `block` tokens."""
    return lm_blocks_owned(tokenizer, texts, block, drop_last=drop_last)[0]


def lm_blocks_owned(
    tokenizer: Any, texts: Sequence[str], block: int, *, drop_last: bool
) -> tuple[list[list[int]], list[list[int]]]:
    """`lm_blocks` and, token for token, the index of the text each token comes from (its EOS included), so that
    a held-out loss can be summed per text (the leaderboards' public/private split is by text)."""
    eos = tokenizer.eos_token_id
    stream: list[int] = []
    owners: list[int] = []
    for index, ids in enumerate(encode(tokenizer, texts, None, special_tokens=False)):
        stream.extend(ids)
        if eos is not None:
            stream.append(eos)
        owners.extend([index] * (len(stream) - len(owners)))
    blocks = [stream[i : i + block] for i in range(0, len(stream), block)]
    owned = [owners[i : i + block] for i in range(0, len(owners), block)]
    # A block of one token has nothing to predict; a short tail is dropped from training so every
    # training batch is full, but kept for evaluation so every held-out token counts.
    if blocks and (len(blocks[-1]) < 2 or (drop_last and len(blocks[-1]) < block)):
        blocks.pop()
        owned.pop()
    return blocks, owned


def length_grouped_batches(
    lengths: Sequence[int], batch_size: int, rng: random.Random, mega_factor: int = 50
) -> list[list[int]]:
    """Shuffled batches of indices in which members have similar lengths.

    As in transformers' LengthGroupedSampler: shuffle, cut into mega-batches of `mega_factor` batches,
    sort each by length, cut into batches, then shuffle the order of the batches, so the order stays
    random from epoch to epoch while padding shrinks.
    """
    order = list(range(len(lengths)))
    rng.shuffle(order)
    mega = batch_size * mega_factor
    batches: list[list[int]] = []
    for start in range(0, len(order), mega):
        chunk = sorted(order[start : start + mega], key=lambda i: lengths[i], reverse=True)
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def sequential_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Evaluation order: by length (least padding), in fixed batches; order does not change results."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i], reverse=True)
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]


def collate(
    seqs: Sequence[Sequence[int]],
    pad_id: int,
    *,
    labels: Sequence[int] | None = None,
    causal: bool = False,
    multiple_of: int = 1,
) -> dict[str, Any]:
    """Pad to the longest sequence in the batch (rounded up to `multiple_of`) and build the tensors."""
    import torch

    longest = max(len(s) for s in seqs)
    width = -(-longest // multiple_of) * multiple_of
    input_ids = torch.full((len(seqs), width), pad_id, dtype=torch.long)
    attention = torch.zeros((len(seqs), width), dtype=torch.long)
    for row, seq in enumerate(seqs):
        input_ids[row, : len(seq)] = torch.as_tensor(seq, dtype=torch.long)
        attention[row, : len(seq)] = 1
    batch: dict[str, Any] = {"input_ids": input_ids, "attention_mask": attention}
    if causal:
        batch["labels"] = input_ids.masked_fill(attention == 0, IGNORE_INDEX)
    elif labels is not None:
        batch["labels"] = torch.as_tensor(list(labels), dtype=torch.long)
    return batch
