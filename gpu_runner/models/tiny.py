"""Tiny models for tests: 2-layer, hidden-64 models with tokenizers trained in-process.

The tests load them through the same registry path as the real models (`ModelRegistry.from_dirs`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gpu_runner.models.hf import offline, quiet_transformers

_FALLBACK_TEXTS = (
    "the quick brown fox jumps over the lazy dog",
    "a good film with great acting and a bad ending",
    "i loved it , it was wonderful . i hated it , it was terrible !",
)


def _texts_or_default(texts: Iterable[str] | None) -> list[str]:
    items = [t for t in (texts or ()) if t]
    return items or list(_FALLBACK_TEXTS)


def _output_folder(path: str | Path) -> Path:
    """Offline and quiet before transformers is touched, then the folder the model is written to."""
    offline()
    quiet_transformers()
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(folder: Path, model_class: Any, config: Any, tokenizer: Any, *, seed: int) -> Path:
    """Weights drawn from `seed` (so the same inputs give the same files), then model and tokenizer saved."""
    import torch

    torch.manual_seed(seed)
    model_class(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _wordpiece_vocab(
    texts: list[str], normalizer: Any, pre_tokenizer: Any, specials: list[str], vocab_size: int
) -> dict[str, int]:
    """A WordPiece vocabulary that is the same on every build: the special tokens, every character seen (alone
    and as a `##` continuation, so any word of the texts can be spelled), then whole words by frequency, ties
    broken alphabetically. (The tokenizers trainer breaks ties in hash order: a new vocabulary each build.)"""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word for word, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text)))
    chars = sorted({char for word in counts for char in word})
    tokens = list(dict.fromkeys([*specials, *chars, *(f"##{char}" for char in chars)]))
    known = set(tokens)
    for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if len(tokens) >= vocab_size:
            break
        if word not in known:
            tokens.append(word)
            known.add(word)
    return {token: index for index, token in enumerate(tokens)}


def build_tiny_bert(
    path: str | Path,
    texts: Iterable[str] | None = None,
    *,
    vocab_size: int = 2000,
    max_positions: int = 256,
    seed: int = 0,
) -> Path:
    """A 2-layer, hidden-64 BERT (base model, no head) with a WordPiece tokenizer built from `texts`; the same
    inputs give the same files."""
    path = _output_folder(path)
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    roles = {
        "pad_token": "[PAD]",
        "unk_token": "[UNK]",
        "cls_token": "[CLS]",
        "sep_token": "[SEP]",
        "mask_token": "[MASK]",
    }
    normalizer = normalizers.BertNormalizer(lowercase=True)
    pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    vocab = _wordpiece_vocab(_texts_or_default(texts), normalizer, pre_tokenizer, list(roles.values()), vocab_size)
    tok = Tokenizer(models.WordPiece(vocab, unk_token=roles["unk_token"]))
    tok.normalizer = normalizer
    tok.pre_tokenizer = pre_tokenizer
    tok.decoder = decoders.WordPiece()
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=max_positions, **roles)
    config = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=128,
        max_position_embeddings=max_positions,
        pad_token_id=tok.token_to_id("[PAD]"),
    )
    return _save(path, BertModel, config, fast, seed=seed)


def build_tiny_gpt2(
    path: str | Path,
    texts: Iterable[str] | None = None,
    *,
    vocab_size: int = 1000,
    max_positions: int = 256,
    seed: int = 0,
) -> Path:
    """A 2-layer, hidden-64 GPT-2 (random weights) with a byte-level BPE tokenizer trained on `texts`."""
    path = _output_folder(path)
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    eos = "<|endoftext|>"
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=[eos], initial_alphabet=pre_tokenizers.ByteLevel.alphabet()
    )
    tok.train_from_iterator(_texts_or_default(texts), trainer)
    roles = {"eos_token": eos, "bos_token": eos, "unk_token": eos}
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, model_max_length=max_positions, **roles)
    eos_id = tok.token_to_id(eos)
    config = GPT2Config(
        vocab_size=tok.get_vocab_size(),
        n_embd=64,
        n_layer=2,
        n_head=2,
        n_positions=max_positions,
        bos_token_id=eos_id,
        eos_token_id=eos_id,
    )
    return _save(path, GPT2LMHeadModel, config, fast, seed=seed)
