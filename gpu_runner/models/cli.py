"""`python -m gpu_runner.models [--prepare | --export NAME DEST]` (see `__main__.py`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gpu_runner.models.errors import ModelError
from gpu_runner.models.registry import ModelRegistry

EXPORT_DTYPES = ("bfloat16", "float16", "float32")


def export_model(registry: ModelRegistry, name: str, dest: Path, dtype: str = "bfloat16") -> Path:
    """Write model `name` as a plain transformers folder at `dest` (weights in `dtype`, tokenizer beside them).

    For a host that cannot install the model's package: a GPU machine with no package index, whose
    `PATHWISE_MODEL_DIRS` then names the folder. bf16 halves MiniLM to 45 MB; training loads it back as
    fp32 (the rounding of the pretrained weights is far below what fine-tuning changes).
    """
    import torch
    from transformers import AutoModel, AutoModelForCausalLM, AutoTokenizer

    from gpu_runner.models.registry import DECODER

    source = registry.local_path(name)
    family = registry.get(name).family
    loader = AutoModelForCausalLM if family == DECODER else AutoModel
    model = loader.from_pretrained(source, local_files_only=True, dtype=getattr(torch, dtype))
    dest.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(dest)
    AutoTokenizer.from_pretrained(source, local_files_only=True).save_pretrained(dest)
    return dest


def main(argv: list[str] | None = None) -> int:
    """List the models on this worker. --prepare converts GGUF entries now, so a new GPU worker does not spend
    its first job's time budget on the conversion; --export copies one into a plain folder to carry elsewhere."""
    parser = argparse.ArgumentParser(prog="python -m gpu_runner.models", description=main.__doc__)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--prepare", action="store_true", help="convert GGUF models into the cache now")
    action.add_argument("--export", nargs=2, metavar=("NAME", "DEST"), help="write model NAME as a folder at DEST")
    parser.add_argument("--dtype", choices=EXPORT_DTYPES, default="bfloat16", help="weights' type for --export")
    args = parser.parse_args(argv)
    registry = ModelRegistry.default()
    try:
        if args.export:
            name, dest = args.export
            folder = export_model(registry, name, Path(dest), args.dtype)
            size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            print(f"{name}\t{folder}\t{size / 2**20:.1f} MiB\t{args.dtype}")
            print(f"use it with: PATHWISE_MODEL_DIRS={name}={folder.resolve()}")
            return 0
        for name in registry.names():
            entry = registry.get(name)
            where = registry.local_path(name) if args.prepare else entry.path
            print(f"{name}\t{entry.family}\t{entry.source}\t{entry.license or '-'}\t{where}")
    except ModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
