"""The table `scripts/gpu_check.sh` ends with, in Markdown (it goes into BENCHMARKS.md as it is).

    python scripts/gpu_check_summary.py RESULTS TESTS_RC TESTS_S BENCH_RC BENCH_S

RESULTS holds tests.xml (pytest's JUnit report) and one bench-*.json per benchmark (scripts/bench_finetune.py
--json per encoder, scripts/bench_lora.py --json for LoRA); a missing or broken file becomes a row that says so.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def test_rows(results: Path, rc: str, seconds: str) -> list[tuple[str, str]]:
    try:
        suite = ET.parse(results / "tests.xml").getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        total, failed, errors, skipped = (int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped"))
    except (OSError, ET.ParseError, AttributeError):
        return [("tests", f"no report (exit {rc})"), ("tests wall s", seconds)]
    passed = total - failed - errors - skipped
    return [("tests passed / failed / skipped", f"{passed} / {failed + errors} / {skipped}"), ("tests wall s", seconds)]


def lora_rows(label: str, bench: dict) -> list[tuple[str, str]]:
    """scripts/bench_lora.py's report: LoRA against full fine-tuning and against Trainer + peft."""
    lora = bench["lora"]
    rows = [
        (
            f"{label}: model",
            f"{bench['params'] / 1e6:.1f} M params, {bench['trainable_params'] / 1e6:.2f} M trained by LoRA "
            f"(r={lora['r']} on {', '.join(lora['targets'])}) on {bench['device']}",
        )
    ]
    for name, run in bench["runs"].items():
        extra = f", MFU {run['mfu']:.1%}" if "mfu" in run else ""
        extra += f", peak {run['peak_memory_mb']:.0f} MB" if "peak_memory_mb" in run else ""
        rows.append((f"{label}: {name} samples/s", f"{run['samples_per_s']}{extra}"))
    rows.append((f"{label}: LoRA / full fine-tuning speed", f"{bench['ratio_lora_vs_full']}x"))
    if "ratio_vs_trainer_peft" in bench:
        ratio, goal = bench["ratio_vs_trainer_peft"], bench["goal"]
        verdict = "met" if ratio >= goal else "NOT met"
        rows.append((f"{label}: ours LoRA / Trainer + peft", f"{ratio}x (goal {goal}x: {verdict})"))
    if "peak_bf16_tflops_measured" in bench:
        rows.append((f"{label}: bf16 matmul peak, TFLOP/s", str(bench["peak_bf16_tflops_measured"])))
    return rows


def bench_rows(path: Path) -> list[tuple[str, str]]:
    label = path.stem.removeprefix("bench-")
    try:
        bench = json.loads(path.read_text(encoding="utf-8"))
        if bench.get("kind") == "lora":
            return lora_rows(label, bench)
        rows = [(f"{label}: model", f"{bench['params'] / 1e6:.1f} M params on {bench['device']}")]
        for name, run in bench["runs"].items():
            mfu = f", MFU {run['mfu']:.1%}" if "mfu" in run else ""
            rows.append((f"{label}: {name} samples/s", f"{run['samples_per_s']}{mfu}"))
        ratio, goal = bench["ratio_vs_trainer_grouped"], bench["goal"]
        verdict = "met" if ratio >= goal else "NOT met"
        rows.append((f"{label}: ours / Trainer (same sampler)", f"{ratio}x (goal {goal}x: {verdict})"))
        if "ratio_vs_trainer_default" in bench:
            rows.append((f"{label}: ours / Trainer (its default sampler)", f"{bench['ratio_vs_trainer_default']}x"))
        if "peak_bf16_tflops_measured" in bench:
            rows.append((f"{label}: bf16 matmul peak, TFLOP/s", str(bench["peak_bf16_tflops_measured"])))
        return rows
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [(label, f"no usable report ({type(exc).__name__}: {exc})")]


def summary(results: Path, tests_rc: str, tests_s: str, bench_rc: str, bench_s: str) -> str:
    rows = test_rows(results, tests_rc, tests_s)
    benches = sorted(results.glob("bench-*.json"))
    for path in benches:
        rows.extend(bench_rows(path))
    if not benches:
        rows.append(("benchmark", f"no report (exit {bench_rc})"))
    rows.append(("benchmark wall s", bench_s))
    width = max(len(key) for key, _ in rows)
    lines = [f"| {'what':<{width}} | value |", f"| {'-' * width} | ----- |"]
    lines += [f"| {key:<{width}} | {value} |" for key, value in rows]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 5:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    print(summary(Path(argv[0]), *argv[1:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
