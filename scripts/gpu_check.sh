#!/usr/bin/env bash
# GPU check for the fine-tuning side: the fine-tuning and model-registry tests (GPU ones included) and
# the throughput benchmark against transformers' Trainer, then one table. Sized for < 8 minutes on one
# GPU (the SmolLM2 GGUF conversion, ~20 s, happens once into $PATHWISE_MODEL_CACHE).
#
#   scripts/gpu_check.sh                 # results under var/gpu-check/ (or $OUT when set)
#   PYTHON=/opt/venv/bin/python scripts/gpu_check.sh
set -uo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
RESULTS=${OUT:-var/gpu-check}
mkdir -p "$RESULTS"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
export PATHWISE_MODEL_CACHE=${PATHWISE_MODEL_CACHE:-$PWD/var/model-cache}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader \
    | tee "$RESULTS/gpu.txt"

start=$(date +%s)
timeout 330 "$PYTHON" -m pytest -q -p no:cacheprovider -o addopts="" \
    tests/gpu_runner/test_finetune_gpu.py tests/gpu_runner/test_finetune_grader.py \
    tests/gpu_runner/test_finetune_loop.py tests/gpu_runner/test_finetune_config.py \
    tests/gpu_runner/test_models_registry.py \
    --junitxml="$RESULTS/tests.xml" --durations=8 2>&1 | tail -25 | tee "$RESULTS/tests.txt"
tests_rc=${PIPESTATUS[0]}
tests_s=$(( $(date +%s) - start ))

start=$(date +%s)
timeout 150 "$PYTHON" scripts/bench_finetune.py --examples 8192 --batch-size 64 --max-seq-length 128 \
    --json "$RESULTS/bench.json" 2>&1 | grep -v "^{'train" | tee "$RESULTS/bench.txt"
bench_rc=${PIPESTATUS[0]}
bench_s=$(( $(date +%s) - start ))

"$PYTHON" - "$RESULTS" "$tests_rc" "$tests_s" "$bench_rc" "$bench_s" <<'EOF'
import json, sys, xml.etree.ElementTree as ET
from pathlib import Path

out, tests_rc, tests_s, bench_rc, bench_s = Path(sys.argv[1]), *sys.argv[2:]
rows = []
try:
    suite = ET.parse(out / "tests.xml").getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, fail, err, skip = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    rows.append(("tests passed / failed / skipped", f"{total - fail - err - skip} / {fail + err} / {skip}"))
except (OSError, ET.ParseError, AttributeError):
    rows.append(("tests", f"no report (exit {tests_rc})"))
rows.append(("tests wall s", tests_s))
try:
    bench = json.loads((out / "bench.json").read_text())
    rows.append(("device", bench["device"]))
    for name, run in bench["runs"].items():
        mfu = f", MFU {run['mfu']:.1%}" if "mfu" in run else ""
        rows.append((f"{name} samples/s", f"{run['samples_per_s']}{mfu}"))
    rows.append(("ratio vs Trainer (same sampler)", f"{bench['ratio_vs_trainer_grouped']}x (goal {bench['goal']}x)"))
    if "peak_bf16_tflops_measured" in bench:
        rows.append(("bf16 matmul peak TFLOP/s", bench["peak_bf16_tflops_measured"]))
except (OSError, ValueError, KeyError):
    rows.append(("benchmark", f"no report (exit {bench_rc})"))
rows.append(("benchmark wall s", bench_s))
width = max(len(str(k)) for k, _ in rows)
print()
for key, value in rows:
    print(f"| {str(key):<{width}} | {value}")
EOF
[ "$tests_rc" -eq 0 ] && [ "$bench_rc" -eq 0 ]
