"""Time to grade a model exercise: through the sandbox (warm parent, fork per run) vs a fresh interpreter.

    .venv/bin/python scripts/bench_model.py [--runs 10] [--slugs tabular-classifier sentiment-classifier]

For each exercise, with its reference solution:
- sandbox: `run_job` end to end (bank hash check, load_data, fit_predict in the sandbox, checks and
  the metric outside). The first call also starts the warm parent; it is reported as "cold start"
  and left out of the statistics.
- fresh interpreter: what grading without a warm parent costs: a new `python` process that reads
  the same encoded inputs from stdin, runs the learner's source (importing scikit-learn itself),
  calls fit_predict and writes the encoded predictions to stdout; the metric is computed here. No
  isolation at all, so this is a lower bound for "a fresh interpreter per submission".
- in-process: fit_predict called directly in this process (no isolation, no start-up): the floor.
Prints a Markdown table (median and p95 in milliseconds). Keep --runs small on shared machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# Before numpy is imported, so that the in-process floor uses one BLAS thread like the other two paths.
os.environ.update(THREAD_ENV)
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpu_runner import codec  # noqa: E402
from gpu_runner.bank import Bank  # noqa: E402
from gpu_runner.graders import model  # noqa: E402
from gpu_runner.run import run_job  # noqa: E402
from gpu_runner.spec import ExerciseRef, JobSpec  # noqa: E402
from scripts._bench import percentile  # noqa: E402

FRESH_DRIVER = """
import sys
from gpu_runner import codec
args = codec.decode(sys.stdin.buffer.read())
namespace = {"__name__": "submission"}
with open(sys.argv[1], encoding="utf-8") as fh:
    exec(compile(fh.read(), "submission.py", "exec"), namespace)
sys.stdout.write(codec.encode(namespace["fit_predict"](*args)))
"""


def bench_sandbox(bank: Bank, slug: str, runs: int) -> tuple[float, list[float], float]:
    exercise = bank.get(slug)
    spec = JobSpec(
        job_id=f"bench-{slug}",
        kind="model",
        exercise=ExerciseRef(slug, exercise.sha256),
        payload={"source": exercise.solution_source("reference.py")},
        limits=exercise.limits,
    )
    times = []
    metric = float("nan")
    for _ in range(runs + 1):
        started = time.perf_counter()
        result = run_job(spec, bank=bank)
        times.append(time.perf_counter() - started)
        if result.status != "passed":
            raise SystemExit(f"{slug}: the reference did not pass through the sandbox: {result.to_dict()}")
        metric = result.score
    return times[0], times[1:], metric


def bench_fresh(bank: Bank, slug: str, runs: int) -> tuple[list[float], float]:
    exercise = bank.get(slug)
    grader = exercise.load_module("grader")
    metric_name, _ = model.resolve_metric(exercise, grader)
    env = {**os.environ, **THREAD_ENV, "PYTHONPATH": str(ROOT)}
    times = []
    value = float("nan")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "submission.py"
        source.write_text(exercise.solution_source("reference.py"), encoding="utf-8")
        for _ in range(runs):
            started = time.perf_counter()
            # Same work as the sandbox path outside fit_predict: load the data, encode, decode, score.
            X_train, y_train, X_test, y_test = grader.load_data()
            payload = codec.encode((X_train, y_train, X_test)).encode()
            proc = subprocess.run(
                [sys.executable, "-c", FRESH_DRIVER, str(source)],
                input=payload,
                capture_output=True,
                env=env,
                cwd=tmp,
                check=False,
            )
            if proc.returncode != 0:
                raise SystemExit(f"{slug}: fresh interpreter failed: {proc.stderr.decode()[-2000:]}")
            predictions = codec.decode(proc.stdout)
            import numpy as np

            value = model.compute_metric(metric_name, np.asarray(y_test), np.asarray(predictions))
            times.append(time.perf_counter() - started)
    return times, value


def bench_in_process(bank: Bank, slug: str, runs: int) -> list[float]:
    exercise = bank.get(slug)
    grader = exercise.load_module("grader")
    reference = exercise.load_module("reference")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        X_train, y_train, X_test, _ = grader.load_data()
        reference.fit_predict(X_train, y_train, X_test)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--slugs", nargs="+", default=["tabular-classifier", "sentiment-classifier"])
    args = parser.parse_args()
    bank = Bank.default()

    rows = []
    for slug in args.slugs:
        cold, warm, sandbox_metric = bench_sandbox(bank, slug, args.runs)
        fresh, fresh_metric = bench_fresh(bank, slug, args.runs)
        direct = bench_in_process(bank, slug, args.runs)
        if abs(sandbox_metric - fresh_metric) > 1e-6:
            raise SystemExit(f"{slug}: sandbox and fresh interpreter disagree: {sandbox_metric} vs {fresh_metric}")
        rows.append((slug, "sandbox (run_job, warm parent)", warm, f"cold start {cold * 1000:.0f} ms"))
        rows.append((slug, "fresh interpreter per run", fresh, ""))
        rows.append((slug, "in-process call (floor)", direct, ""))

    print(f"runs per row: {args.runs}; python {sys.version.split()[0]}; cpus {os.cpu_count()}\n")
    print("| exercise | path | median ms | p95 ms | note |")
    print("|---|---|---:|---:|---|")
    for slug, path, times, note in rows:
        median = statistics.median(times) * 1000
        p95 = percentile(times, 0.95) * 1000
        print(f"| {slug} | {path} | {median:.0f} | {p95:.0f} | {note} |")


if __name__ == "__main__":
    main()
