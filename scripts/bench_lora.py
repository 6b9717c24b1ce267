"""LoRA against full fine-tuning in Pathwise's training loop, and against transformers' Trainer with the same peft
adapters, on a causal language model (the `lora-finetune-gpt` task), in one run.

Same model (fresh copy, same seed), same blocks of text, same settings (batch size, sequence length, AdamW,
linear warm-up, bf16 autocast + TF32 on CUDA, fp32 on CPU). Reports samples/s for each, peak device memory on
CUDA, the trainable parameters, and on CUDA the model FLOPs utilisation with the FLOPs each one does per token:
6 x parameters for full fine-tuning (forward, and backward to activations and weights), 4 x parameters with LoRA
(the frozen weights get no gradient; the adapters' own FLOPs are negligible), against the bf16 peak measured by a
large matmul in the same process.

Goal: our LoRA loop at least as fast as Trainer + peft (>= 1.0x) on CPU and GPU.

    python scripts/bench_lora.py                                   # a tiny GPT-2, CPU or the GPU present
    python scripts/bench_lora.py --model random:smollm2 --examples 4096 --batch-size 32 --max-seq-length 256
    python scripts/bench_lora.py --model random:gpt2-small --json out.json

`random:smollm2` is a Llama decoder of SmolLM2-135M's shape and `random:gpt2-small` one of GPT-2 small's, with
random weights (throughput does not depend on them) and a byte-level BPE tokenizer trained on the corpus, so no
model package or download is needed (what the lent GPU machine has). Each contender runs `--repeats` times,
interleaved, after one short untimed pass each, and keeps its best run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench_finetune import (  # noqa: E402
    best_interleaved,
    measure_peak_bf16_tflops,
    quiet_device,
    train_ours,
    trainer_arguments,
    training_options,
)

SHAPES: dict[str, dict[str, Any]] = {
    "smollm2": {
        "kind": "llama",
        "vocab_size": 49152,
        "hidden_size": 576,
        "intermediate_size": 1536,
        "num_hidden_layers": 30,
        "num_attention_heads": 9,
        "num_key_value_heads": 3,
        "max_position_embeddings": 2048,
        "tie_word_embeddings": True,
        "targets": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
    },
    "gpt2-small": {
        "kind": "gpt2",
        "vocab_size": 50257,
        "n_embd": 768,
        "n_layer": 12,
        "n_head": 12,
        "n_positions": 1024,
        "targets": ["c_attn", "c_proj", "c_fc"],
    },
}
TINY_TARGETS = ["c_attn", "c_proj", "c_fc"]


def _model_folder(name: str, tmp: Path) -> tuple[Path, list[str]]:
    """A transformers folder for `name` and the LoRA targets of its blocks."""
    from gpu_runner.datasets import lm_corpus
    from gpu_runner.models import build_tiny_gpt2

    tokenizer_source = build_tiny_gpt2(tmp / "tiny-gpt2", lm_corpus()[0], vocab_size=2000)
    if name == "tiny":
        return tokenizer_source, TINY_TARGETS
    shape = SHAPES.get(name.removeprefix("random:"))
    if not name.startswith("random:") or shape is None:
        raise SystemExit(f"unknown model {name!r}; known: tiny, {', '.join('random:' + k for k in SHAPES)}")
    return _random_decoder(tokenizer_source, shape, tmp / name.replace(":", "-")), list(shape["targets"])


def _random_decoder(tokenizer_source: Path, shape: dict[str, Any], folder: Path) -> Path:
    import torch
    from transformers import AutoTokenizer, GPT2Config, GPT2LMHeadModel, LlamaConfig, LlamaForCausalLM

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_source, local_files_only=True)
    settings = {k: v for k, v in shape.items() if k not in ("kind", "targets")}
    eos = tokenizer.eos_token_id
    if shape["kind"] == "llama":
        model_class, config = LlamaForCausalLM, LlamaConfig(bos_token_id=eos, eos_token_id=eos, **settings)
    else:
        model_class, config = GPT2LMHeadModel, GPT2Config(bos_token_id=eos, eos_token_id=eos, **settings)
    torch.manual_seed(0)
    model_class(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _blocks(folder: Path, n: int, max_len: int) -> list[list[int]]:
    from transformers import AutoTokenizer

    from gpu_runner.datasets import lm_corpus
    from gpu_runner.training import data as D

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    blocks = D.lm_blocks(tokenizer, list(lm_corpus()[0]), max_len, drop_last=True)
    return (blocks * -(-n // len(blocks)))[:n]


def _fresh(folder: Path, args: argparse.Namespace, info: Any, targets: list[str] | None) -> tuple[Any, int, int]:
    """(model on the device, its parameter count, trainable parameters): every weight, or LoRA adapters."""
    import torch
    from transformers import AutoModelForCausalLM

    from gpu_runner.training.config import resolve_config
    from gpu_runner.training.lora import apply_lora

    torch.manual_seed(args.seed)
    model = AutoModelForCausalLM.from_pretrained(folder, local_files_only=True, dtype=torch.float32).to(info.device)
    total = sum(p.numel() for p in model.parameters())
    if targets is None:
        return model, total, total
    lora = {"lora_r": args.lora_r, "lora_alpha": 2.0 * args.lora_r, "lora_dropout": 0.0, "lora_target_modules": targets}
    model, facts = apply_lora(model, resolve_config(lora, adapter="lora"), "bench")
    return model, total, facts["trainable_params"]


def _measure(info: Any, run: Any) -> tuple[float, float | None]:
    """(seconds, peak device memory in MB or None on CPU) of `run()`."""
    import torch

    if info.is_cuda:
        torch.cuda.synchronize(info.device)
        torch.cuda.reset_peak_memory_stats(info.device)
    started = time.perf_counter()
    run()
    if info.is_cuda:
        torch.cuda.synchronize(info.device)
        return time.perf_counter() - started, round(torch.cuda.max_memory_allocated(info.device) / 2**20, 1)
    return time.perf_counter() - started, None


def run_ours(folder: Path, blocks: list[list[int]], args: argparse.Namespace, info: Any, targets: Any) -> dict:
    from gpu_runner.training.tasks import _epoch_batches

    model, total, trainable = _fresh(folder, args, info, targets)
    batches = _epoch_batches(blocks, None, 0, args.batch_size, args.seed, info, causal=True)
    steps = -(-len(blocks) // args.batch_size)
    seconds, peak = _measure(
        info, lambda: train_ours(model, batches, args, info, steps_per_epoch=steps, epochs=1, weight_decay=0.0)
    )
    return _report(blocks, seconds, peak, total, trainable)


def run_trainer(folder: Path, blocks: list[list[int]], args: argparse.Namespace, info: Any, targets: Any, tmp: Path):
    from transformers import PrinterCallback, Trainer, default_data_collator

    model, total, trainable = _fresh(folder, args, info, targets)
    dataset = [{"input_ids": b, "attention_mask": [1] * len(b), "labels": b} for b in blocks]
    targs = trainer_arguments(args, info, tmp / "trainer", num_train_epochs=1, weight_decay=0.0)
    trainer = Trainer(model=model, args=targs, train_dataset=dataset, data_collator=default_data_collator)
    trainer.remove_callback(PrinterCallback)
    seconds, peak = _measure(info, trainer.train)
    return {**_report(blocks, seconds, peak, total, trainable), "optim": str(targs.optim)}


def _report(blocks: list[list[int]], seconds: float, peak: float | None, total: int, trainable: int) -> dict:
    tokens = sum(len(b) for b in blocks)
    report = {
        "samples": len(blocks),
        "tokens": tokens,
        "seconds": round(seconds, 3),
        "samples_per_s": round(len(blocks) / seconds, 2),
        "tokens_per_s": round(tokens / seconds, 1),
        "params": total,
        "trainable_params": trainable,
    }
    if peak is not None:
        report["peak_memory_mb"] = peak
    return report


def _contenders(folder: Path, blocks: list, args: argparse.Namespace, info: Any, targets: list, tmp: Path) -> dict:
    contenders = {
        "ours_full": lambda data: run_ours(folder, data, args, info, None),
        "ours_lora": lambda data: run_ours(folder, data, args, info, targets),
    }
    if not args.skip_trainer:
        contenders["trainer_peft_lora"] = lambda data: run_trainer(folder, data, args, info, targets, tmp)
    for run in contenders.values():  # one-off costs (allocator, kernels, lazy imports) hit nobody's numbers
        run(blocks[: args.batch_size * 2])
    return best_interleaved({name: partial(run, blocks) for name, run in contenders.items()}, args.repeats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="tiny", help="'tiny', 'random:smollm2' or 'random:gpt2-small'")
    training_options(parser, examples=256, batch_size=16, max_seq_length=64, learning_rate=2e-4)
    parser.add_argument("--lora-r", type=int, default=16)
    parser.add_argument("--skip-trainer", action="store_true", help="only our loop, full and LoRA")
    args = parser.parse_args(argv)

    import torch
    import transformers

    info = quiet_device(args.device)
    with tempfile.TemporaryDirectory(prefix="bench-lora-") as tmp_name:
        tmp = Path(tmp_name)
        folder, targets = _model_folder(args.model, tmp)
        blocks = _blocks(folder, args.examples, args.max_seq_length)
        runs = _contenders(folder, blocks, args, info, targets, tmp)
    report = _summarise(args, info, targets, runs, torch.__version__, transformers.__version__)
    _print(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


def _summarise(args: argparse.Namespace, info: Any, targets: list[str], runs: dict, *versions: str) -> dict:
    import peft

    full, lora = runs["ours_full"], runs["ours_lora"]
    report: dict[str, Any] = {
        "kind": "lora",
        "model": args.model,
        "params": full["params"],
        "trainable_params": lora["trainable_params"],
        "lora": {"r": args.lora_r, "alpha": 2.0 * args.lora_r, "targets": targets},
        "device": info.name,
        "torch": versions[0],
        "transformers": versions[1],
        "peft": peft.__version__,
        "settings": {k: getattr(args, k) for k in ("examples", "batch_size", "max_seq_length", "seed", "repeats")},
        "runs": runs,
        "ratio_lora_vs_full": round(lora["samples_per_s"] / full["samples_per_s"], 3),
        "goal": 1.0,
    }
    if "trainer_peft_lora" in runs:
        report["ratio_vs_trainer_peft"] = round(lora["samples_per_s"] / runs["trainer_peft_lora"]["samples_per_s"], 3)
    if info.is_cuda:
        peak = measure_peak_bf16_tflops(info.device)
        report["peak_bf16_tflops_measured"] = round(peak, 1)
        for name, run in runs.items():
            per_token = 6 if name == "ours_full" else 4
            run["mfu"] = round(per_token * run["params"] * run["tokens"] / run["seconds"] / (peak * 1e12), 4)
    return report


def _print(report: dict[str, Any]) -> None:
    settings = report["settings"]
    print(
        f"model {report['model']} ({report['params'] / 1e6:.1f} M params, LoRA r={report['lora']['r']} on "
        f"{','.join(report['lora']['targets'])}: {report['trainable_params'] / 1e6:.2f} M trainable) on "
        f"{report['device']}; {settings['examples']} blocks of {settings['max_seq_length']} tokens, "
        f"batch {settings['batch_size']}"
    )
    print(f"{'run':<20}{'samples/s':>12}{'tokens/s':>12}{'seconds':>10}{'peak MB':>10}{'MFU':>8}")
    for name, run in report["runs"].items():
        mfu = f"{run['mfu']:.1%}" if "mfu" in run else "-"
        peak = f"{run['peak_memory_mb']:.0f}" if "peak_memory_mb" in run else "-"
        print(
            f"{name:<20}{run['samples_per_s']:>12.2f}{run['tokens_per_s']:>12.1f}{run['seconds']:>10.2f}"
            f"{peak:>10}{mfu:>8}"
        )
    print(f"ours: LoRA / full fine-tuning speed: {report['ratio_lora_vs_full']:.3f}x")
    if "ratio_vs_trainer_peft" in report:
        ratio, goal = report["ratio_vs_trainer_peft"], report["goal"]
        print(f"ours LoRA / Trainer + peft: {ratio:.3f}x (goal >= {goal}x: {'met' if ratio >= goal else 'NOT met'})")


if __name__ == "__main__":
    raise SystemExit(main())
