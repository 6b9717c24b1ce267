"""Cases for training-memory: the statement's examples shown; every precision and optimiser, frozen parameters,
activations in the total, quadratic attention, flash attention, checkpointing, batch sizes at the exact boundary,
bad arguments and random models hidden. Every value is an int, compared exactly."""

from gpu_runner.graders.case_texts import RAISE_VALUE_ERROR
from gpu_runner.graders.code import case_maker, with_hints

LLAMA2_7B = 6_738_415_616
LORA_QV = 4_194_304  # r = 8 on q_proj and v_proj of Llama 2 7B's 32 layers
TABLE = {
    "en": "bytes per parameter: weights 4 (fp32, amp) or 2 (bf16_*); gradients the same; a 4-byte master copy only in "
    "bf16_mixed; optimiser states 4 bytes each, 2 in bf16_pure",
    "zh": "每个参数的字节数：权重 4（fp32、amp）或 2（bf16_*）；梯度相同；只有 bf16_mixed 有 4 字节的主权重副本；优化器状态每个 4 字节，"
    "bf16_pure 下为 2 字节",
}
FROZEN = {
    "en": "frozen parameters are stored (weights) but get no gradient, no master copy and no optimiser state",
    "zh": "冻结的参数要存储（权重），但没有梯度、没有主权重副本，也没有优化器状态",
}
ACTIVATIONS = {
    "en": "per layer 34*s*b*h + 5*a*s^2*b bytes; flash attention drops the second term",
    "zh": "每层 34*s*b*h + 5*a*s^2*b 字节；flash attention 去掉第二项",
}
# Shown when a hidden case fails, chosen by the start of the case's English name (the first match wins).
HINTS = {
    "fp32 with plain SGD": TABLE,
    "autocast (amp) with Adam": {
        "en": "autocast keeps float32 weights and gradients: it saves activation memory and time, not weight memory",
        "zh": "autocast 保留 float32 的权重和梯度：它节省的是激活值显存和时间，而不是权重显存",
    },
    "bf16 mixed precision keeps fp32 states": TABLE,
    "pure bf16 with Adam": TABLE,
    "a mostly frozen model": FROZEN,
    "everything frozen": FROZEN,
    "activations count in the total": {"en": "total is the sum of the five parts", "zh": "total 是五个部分之和"},
    "an unknown precision": RAISE_VALUE_ERROR,
    "an unknown optimiser": RAISE_VALUE_ERROR,
    "more trainable than parameters": RAISE_VALUE_ERROR,
    "twice as long a sequence": {
        "en": "the attention scores are s x s per head: they grow with the square of the length",
        "zh": "每个头的注意力分数是 s x s：它随长度的平方增长",
    },
    "flash attention on a long sequence": ACTIVATIONS,
    "activation checkpointing": {
        "en": "checkpointing keeps each layer's 2*s*b*h-byte input, plus one layer's full activations while it is recomputed",
        "zh": "检查点只保存每层 2*s*b*h 字节的输入，再加上反向传播时重算的那一层的全部激活值",
    },
    "checkpointing with flash attention": ACTIVATIONS,
    "heads that do not divide the width": RAISE_VALUE_ERROR,
    "a batch of 0": RAISE_VALUE_ERROR,
    "a batch that fills the memory exactly": {
        "en": "a batch fits when static + batch * per_sample <= the memory left: equality fits",
        "zh": "当 static + batch * per_sample <= 剩余显存时就放得下：相等也算放得下",
    },
    "a reserve for the CUDA context": {
        "en": "subtract the reserve from the GPU's memory first",
        "zh": "先从 GPU 显存中减去预留部分",
    },
    "weights that do not fit at all": {"en": "not even one sample fits: 0", "zh": "一个样本都放不下：返回 0"},
    "zero bytes per sample": RAISE_VALUE_ERROR,
    "random decoder": ACTIVATIONS,
    "random model": TABLE,
}
SHOWN = {"visible": True}

_memory = case_maker("training_memory")
_activations = case_maker("activation_bytes")
_batch = case_maker("max_batch_size")


def _rows(make, rows):
    """One case per row (name, args, options)."""
    return [make(name, *args, **options) for name, args, options in rows]


def _memory_cases(rng):
    n = int(rng.integers(10**6, 10**10))
    frozen = int(rng.integers(1, n // 100))
    return _rows(_memory, [
        ({"en": "example: Llama 2 7B, bf16 mixed precision, Adam", "zh": "示例：Llama 2 7B，bf16 混合精度，Adam"}, (LLAMA2_7B,), {"precision": "bf16_mixed", **SHOWN}),
        ({"en": "example: the same model with LoRA adapters", "zh": "示例：同一个模型加 LoRA 适配器"}, (LLAMA2_7B + LORA_QV,), {"precision": "bf16_mixed", "trainable": LORA_QV, **SHOWN}),
        ({"en": "fp32 with plain SGD", "zh": "fp32 加普通 SGD"}, (n,), {"precision": "fp32", "optimizer": "sgd"}),
        ({"en": "autocast (amp) with Adam", "zh": "autocast（amp）加 Adam"}, (n,), {"precision": "amp"}),
        ({"en": "bf16 mixed precision keeps fp32 states", "zh": "bf16 混合精度的优化器状态是 fp32"}, (n,), {"precision": "bf16_mixed", "optimizer": "momentum"}),
        ({"en": "pure bf16 with Adam", "zh": "纯 bf16 加 Adam"}, (n,), {"precision": "bf16_pure"}),
        ({"en": "a mostly frozen model", "zh": "大部分参数被冻结的模型"}, (n,), {"precision": "fp32", "trainable": frozen}),
        ({"en": "everything frozen", "zh": "全部冻结"}, (n,), {"precision": "bf16_mixed", "trainable": 0}),
        ({"en": "activations count in the total", "zh": "激活值计入总量"}, (n,), {"precision": "amp", "activations": int(rng.integers(10**8, 10**10))}),
        ({"en": "an unknown precision", "zh": "未知的精度"}, (n,), {"precision": "fp16"}),
        ({"en": "an unknown optimiser", "zh": "未知的优化器"}, (n,), {"optimizer": "lion"}),
        ({"en": "more trainable than parameters", "zh": "可训练参数比总参数还多"}, (1000,), {"trainable": 1001}),
    ])  # fmt: skip


def _activation_cases(rng):
    b, s = int(rng.integers(1, 17)), int(rng.integers(64, 2049))
    # args: (batch_size, seq_len, hidden, n_heads, n_layers)
    return _rows(_activations, [
        ({"en": "example: GPT-2 small, 8 x 1024 tokens", "zh": "示例：GPT-2 small，8 x 1024 个词元"}, (8, 1024, 768, 12, 12), SHOWN),
        ({"en": "example: with flash attention", "zh": "示例：使用 flash attention"}, (8, 1024, 768, 12, 12), {"flash_attention": True, **SHOWN}),
        ({"en": "twice as long a sequence", "zh": "序列长度加倍"}, (b, 2 * s, 1024, 16, 24), {}),
        ({"en": "flash attention on a long sequence", "zh": "长序列上的 flash attention"}, (b, 4 * s, 2048, 16, 24), {"flash_attention": True}),
        ({"en": "activation checkpointing", "zh": "激活值检查点"}, (b, s, 1024, 16, 24), {"checkpointing": True}),
        ({"en": "checkpointing with flash attention", "zh": "检查点加 flash attention"}, (b, s, 4096, 32, 32), {"flash_attention": True, "checkpointing": True}),
        ({"en": "heads that do not divide the width", "zh": "头数不能整除宽度"}, (2, 128, 768, 10, 12), {}),
        ({"en": "a batch of 0", "zh": "批大小为 0"}, (0, 128, 768, 12, 12), {}),
    ])  # fmt: skip


def _batch_cases(rng):
    per_sample = int(rng.integers(10**7, 10**9))
    static = int(rng.integers(10**9, 3 * 10**10))
    k = int(rng.integers(1, 200))
    # args: (gpu_bytes, static_bytes, bytes_per_sample)
    return _rows(_batch, [
        ({"en": "example: an 80 GiB GPU", "zh": "示例：80 GiB 的 GPU"}, (80 * 2**30, 30 * 2**30, 700 * 2**20), SHOWN),
        ({"en": "a batch that fills the memory exactly", "zh": "正好占满显存的批次"}, (static + k * per_sample, static, per_sample), {}),
        ({"en": "a reserve for the CUDA context", "zh": "为 CUDA 上下文预留的显存"}, (static + k * per_sample + per_sample // 2, static, per_sample), {"reserve_bytes": per_sample}),
        ({"en": "weights that do not fit at all", "zh": "连权重都放不下"}, (static, static + 1, per_sample), {}),
        ({"en": "zero bytes per sample", "zh": "每个样本 0 字节"}, (10**9, 10**8, 0), {}),
    ])  # fmt: skip


def make_cases(rng):
    cases = _memory_cases(rng) + _activation_cases(rng) + _batch_cases(rng)
    for i in range(2):
        heads = int(rng.choice([4, 8, 12, 16]))
        cases.append(
            _activations(
                {"en": f"random decoder {i + 1}", "zh": f"随机解码器 {i + 1}"},
                int(rng.integers(1, 33)),
                int(rng.integers(16, 4097)),
                heads * int(rng.integers(16, 129)),
                heads,
                int(rng.integers(1, 49)),
                flash_attention=bool(rng.integers(0, 2)),
                checkpointing=bool(rng.integers(0, 2)),
            )
        )
        n = int(rng.integers(10**6, 10**11))
        cases.append(
            _memory(
                {"en": f"random model {i + 1}", "zh": f"随机模型 {i + 1}"},
                n,
                precision=str(rng.choice(["fp32", "amp", "bf16_mixed", "bf16_pure"])),
                optimizer=str(rng.choice(["sgd", "momentum", "adam"])),
                trainable=int(rng.integers(0, n + 1)),
            )
        )
    return with_hints(cases, HINTS)
