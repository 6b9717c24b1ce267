# Mistake: GPT-2's biases and LayerNorm shifts are left out (only the weight matrices are counted).
def gpt2_param_count(vocab_size, n_positions, n_embd, n_layer, n_inner=None, tie_word_embeddings=True):
    """Parameters of a GPT-2 language model (token and position embeddings, blocks, final norm, LM head)."""
    if min(vocab_size, n_positions, n_embd, n_layer) < 1:
        raise ValueError("every size must be a positive integer")
    d = n_embd
    ff = 4 * d if n_inner is None else n_inner
    embeddings = vocab_size * d + n_positions * d
    block = (
        d  # ln_1
        + d * 3 * d  # c_attn
        + d * d  # attention output projection
        + d  # ln_2
        + d * ff  # c_fc
        + ff * d  # c_proj
    )
    head = 0 if tie_word_embeddings else vocab_size * d  # a tied head reuses the token embedding
    return embeddings + n_layer * block + 2 * d + head


def llama_param_count(
    vocab_size, hidden_size, intermediate_size, n_layers, n_heads, n_kv_heads, tie_word_embeddings=False
):
    """Parameters of a Llama-style model: no biases, RMSNorm, grouped-query attention, a SwiGLU MLP."""
    if min(vocab_size, hidden_size, intermediate_size, n_layers, n_heads, n_kv_heads) < 1:
        raise ValueError("every size must be a positive integer")
    if hidden_size % n_heads or n_heads % n_kv_heads:
        raise ValueError("hidden_size must be divisible by n_heads, and n_heads by n_kv_heads")
    h = hidden_size
    kv = n_kv_heads * (h // n_heads)  # width of the key (and of the value) projection
    attention = h * h + 2 * h * kv + h * h  # q, k, v, o
    mlp = 3 * h * intermediate_size  # gate, up and down projections
    block = attention + mlp + 2 * h  # two RMSNorm weights
    head = 0 if tie_word_embeddings else vocab_size * h
    return vocab_size * h + n_layers * block + h + head
