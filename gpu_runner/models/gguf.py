"""GGUF entries: dequantised once into a cached bf16 transformers folder that from_pretrained loads offline."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path

from gpu_runner.models.errors import ModelError
from gpu_runner.models.hf import offline, quiet_transformers

_DONE_MARKER = ".pathwise-converted"


def ensure_converted(gguf_path: Path, out_dir: Path) -> Path:
    """Dequantise a GGUF file into a bf16 transformers folder once; later calls return the cached folder.

    Conversion takes ~15 s and ~1 GB, so it happens under a file lock (parallel workers wait instead of
    converting twice) into a temporary folder renamed into place when complete.
    """
    import fcntl

    out_dir = Path(out_dir)
    if (out_dir / _DONE_MARKER).is_file():
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir.parent / f".{out_dir.name}.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (out_dir / _DONE_MARKER).is_file():
            return out_dir
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
        try:
            convert_gguf(Path(gguf_path), tmp)
            (tmp / _DONE_MARKER).write_text(str(gguf_path), encoding="utf-8")
            if out_dir.exists():
                shutil.rmtree(out_dir)
            tmp.rename(out_dir)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def convert_gguf(gguf_path: Path, out_dir: Path) -> None:
    """Load a GGUF with transformers (it dequantises) and save it as a bf16 safetensors folder."""
    offline()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    quiet_transformers()
    folder, name = str(gguf_path.parent), gguf_path.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, local_files_only=True)
    # dequantize=True: where the `kernels` package is installed transformers would otherwise keep the
    # weights packed in GGUF blocks, which are neither trainable nor serialisable.
    model = AutoModelForCausalLM.from_pretrained(
        folder,
        gguf_file=name,
        dtype=torch.bfloat16,
        local_files_only=True,
        quantization_config=GgufConfig(dequantize=True),
    )
    # The weights are plain bf16 tensors by now, but the model still carries the GGUF quantizer and
    # save_pretrained refuses ("not serializable") until it is cleared.
    model.hf_quantizer = None
    for attr in ("is_quantized", "quantization_method"):
        with contextlib.suppress(AttributeError):
            setattr(model, attr, False if attr == "is_quantized" else None)
    with contextlib.suppress(AttributeError):
        delattr(model.config, "quantization_config")
    bad = [n for n, p in model.named_parameters() if p.dtype != torch.bfloat16]
    if bad:
        raise ModelError(f"GGUF conversion left non-bf16 parameters: {', '.join(bad[:3])}")
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
