def gpt2_param_count(
    vocab_size: int,
    n_positions: int,
    n_embd: int,
    n_layer: int,
    n_inner: int | None = None,
    tie_word_embeddings: bool = True,
) -> int:
    """Parameters of a GPT-2 language model (token and position embeddings, blocks, final norm, LM head)."""
    raise NotImplementedError


def llama_param_count(
    vocab_size: int,
    hidden_size: int,
    intermediate_size: int,
    n_layers: int,
    n_heads: int,
    n_kv_heads: int,
    tie_word_embeddings: bool = False,
) -> int:
    """Parameters of a Llama-style model: no biases, RMSNorm, grouped-query attention, a SwiGLU MLP."""
    raise NotImplementedError
