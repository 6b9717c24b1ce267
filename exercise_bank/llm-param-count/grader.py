"""Cases for llm-param-count: the GPT-2 family and Llama 2 / Llama 3 configurations (their published sizes),
untied heads, custom feed-forward widths, grouped-query attention, random small configurations, bad sizes."""

from gpu_runner.graders.code import case_maker, with_hints

GPT2, LLAMA = "gpt2_param_count", "llama_param_count"


GPT2_PARTS = {
    "en": (
        "count every tensor: token and position embeddings; per block two LayerNorms (weight and bias), the QKV and output "
        "projections and the two MLP layers, all with biases; the final LayerNorm; no separate head when it is tied"
    ),
    "zh": (
        "把每个张量都算上：词元嵌入和位置嵌入；每个块有两个 LayerNorm（权重和偏置）、QKV 投影和输出投影、两个 MLP 层，都带偏置；"
        "最后的 LayerNorm；头与嵌入共享时不再单独计算"
    ),
}
INNER = {
    "en": "the MLP's hidden width is n_inner when given, 4 * n_embd otherwise",
    "zh": "MLP 的隐藏层宽度在给出 n_inner 时就是 n_inner，否则是 4 * n_embd",
}
TIED = {
    "en": "an untied head is one more vocab_size x width matrix (no bias); a tied one shares the token embedding",
    "zh": "不共享的头是多出来的一个 vocab_size x 宽度矩阵（没有偏置）；共享的头与词元嵌入是同一个矩阵",
}
LLAMA_PARTS = {
    "en": (
        "Llama has no biases and no position embedding; per block: q and o are h x h, k and v are h x (n_kv_heads * "
        "head_dim), the MLP has three h x intermediate matrices (gate, up, down), two RMSNorm weights; plus the final norm"
    ),
    "zh": (
        "Llama 没有偏置，也没有位置嵌入；每个块：q 和 o 是 h x h，k 和 v 是 h x (n_kv_heads * head_dim)，MLP 有三个 "
        "h x intermediate 矩阵（gate、up、down），两个 RMSNorm 权重；另外还有最后的归一化层"
    ),
}
BAD_SIZES = {
    "en": "raise ValueError for a size below 1, or when hidden_size is not divisible by n_heads or n_heads by n_kv_heads",
    "zh": "尺寸小于 1，或 hidden_size 不能被 n_heads 整除、n_heads 不能被 n_kv_heads 整除时，抛出 ValueError",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "GPT-2 medium": GPT2_PARTS,
    "GPT-2 XL": GPT2_PARTS,
    "a small GPT-2 with its own head": TIED,
    "a GPT-2 with a custom MLP width": INNER,
    "Llama 3 8B": LLAMA_PARTS,
    "Llama 3.2 1B (a tied head)": TIED,
    "a small Llama": LLAMA_PARTS,
    "multi-query attention": LLAMA_PARTS,
    "heads that do not divide": BAD_SIZES,
    "zero layers": BAD_SIZES,
}
# Published configurations. GPT-2: (vocab_size, n_positions, n_embd, n_layer); Llama: (vocab_size,
# hidden_size, intermediate_size, n_layers, n_heads, n_kv_heads).
GPT2_SMALL = (50257, 1024, 768, 12)
GPT2_MEDIUM = (50257, 1024, 1024, 24)
GPT2_XL = (50257, 1024, 1600, 48)
LLAMA2_7B = (32000, 4096, 11008, 32, 32, 32)
LLAMA3_8B = (128256, 4096, 14336, 32, 32, 8)
LLAMA32_1B = (128256, 2048, 8192, 16, 32, 8)
_gpt2 = case_maker(GPT2)
_llama = case_maker(LLAMA)


def _small_gpt2(rng):
    """Random (vocab_size, n_positions, n_embd, n_layer) of a small GPT-2."""
    return (
        int(rng.integers(500, 5000)),
        int(rng.integers(16, 512)),
        int(rng.integers(8, 96)),
        int(rng.integers(1, 6)),
    )


def make_cases(rng):
    cases = [
        _gpt2({"en": "statement example: GPT-2 small", "zh": "题目示例：GPT-2 small"}, *GPT2_SMALL, visible=True),
        _llama({"en": "statement example: Llama 2 7B", "zh": "题目示例：Llama 2 7B"}, *LLAMA2_7B, visible=True),
        _gpt2({"en": "GPT-2 medium", "zh": "GPT-2 medium"}, *GPT2_MEDIUM),
        _gpt2({"en": "GPT-2 XL", "zh": "GPT-2 XL"}, *GPT2_XL),
        _gpt2(
            {"en": "a small GPT-2 with its own head", "zh": "带独立输出头的小型 GPT-2"},
            *_small_gpt2(rng),
            tie_word_embeddings=False,
        ),
        _gpt2(
            {"en": "a GPT-2 with a custom MLP width", "zh": "自定义 MLP 宽度的 GPT-2"},
            *_small_gpt2(rng),
            n_inner=int(rng.integers(10, 300)),
        ),
        _llama({"en": "Llama 3 8B (grouped-query attention)", "zh": "Llama 3 8B（分组查询注意力）"}, *LLAMA3_8B),
        _llama(
            {"en": "Llama 3.2 1B (a tied head)", "zh": "Llama 3.2 1B（共享的输出头）"},
            *LLAMA32_1B,
            tie_word_embeddings=True,
        ),
    ]
    heads = int(rng.choice([4, 8, 16]))
    kv = int(rng.choice([h for h in (1, 2, 4) if heads % h == 0]))
    hidden = heads * 2 * int(rng.integers(2, 17))  # RoPE needs an even head width
    small = (
        int(rng.integers(500, 5000)),
        hidden,
        int(rng.integers(hidden, 4 * hidden)),
        int(rng.integers(1, 8)),
        heads,
        kv,
    )
    multi_query = (int(rng.integers(500, 5000)), 64, 172, 2, 8, 1)
    uneven_heads = (1000, 64, 128, 2, 8, 3)  # 8 query heads over 3 key/value heads
    cases += [
        _llama({"en": "a small Llama with grouped-query attention", "zh": "带分组查询注意力的小型 Llama"}, *small),
        _llama({"en": "multi-query attention (one key/value head)", "zh": "多查询注意力（一个键值头）"}, *multi_query),
        _llama(
            {"en": "heads that do not divide raise ValueError", "zh": "头数不能整除时抛出 ValueError"}, *uneven_heads
        ),
        _gpt2({"en": "zero layers raise ValueError", "zh": "零层时抛出 ValueError"}, 1000, 64, 32, 0),
    ]
    return with_hints(cases, HINTS)
