"""llm-param-count through transformers: the real GPT2LMHeadModel and LlamaForCausalLM built on torch's meta
device (shapes only, no memory), counting model.parameters() (a tied head is the same tensor, counted once)."""

import torch
from transformers import GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM


def _count(model):
    return sum(p.numel() for p in model.parameters())


def gpt2_param_count(vocab_size, n_positions, n_embd, n_layer, n_inner=None, tie_word_embeddings=True):
    if min(vocab_size, n_positions, n_embd, n_layer) < 1:
        raise ValueError("sizes must be positive")
    config = GPT2Config(
        vocab_size=vocab_size,
        n_positions=n_positions,
        n_embd=n_embd,
        n_layer=n_layer,
        n_head=1,
        n_inner=n_inner,
        tie_word_embeddings=tie_word_embeddings,
        bos_token_id=0,
        eos_token_id=0,
    )
    with torch.device("meta"):
        return _count(GPT2LMHeadModel(config))


def llama_param_count(
    vocab_size, hidden_size, intermediate_size, n_layers, n_heads, n_kv_heads, tie_word_embeddings=False
):
    if min(vocab_size, hidden_size, intermediate_size, n_layers, n_heads, n_kv_heads) < 1:
        raise ValueError("sizes must be positive")
    if hidden_size % n_heads or n_heads % n_kv_heads:
        raise ValueError("the head counts do not divide")
    config = LlamaConfig(
        vocab_size=vocab_size,
        hidden_size=hidden_size,
        intermediate_size=intermediate_size,
        num_hidden_layers=n_layers,
        num_attention_heads=n_heads,
        num_key_value_heads=n_kv_heads,
        tie_word_embeddings=tie_word_embeddings,
    )
    with torch.device("meta"):
        return _count(LlamaForCausalLM(config))
