"""The deep-learning exercises: grading time per job on the warm parent each one runs on (the torch one for those
that declare `requires: [torch]`), the reference against the CPU limit, and `training-loop`'s reference score
against its pass mark.

    .venv/bin/python scripts/bench_torch_exercises.py [--runs 5]

For each code exercise: its warm parent, the cases a job draws, the reference's own CPU time over them (median over
`--runs` seeds, called in this process) against the CPU limit, and the wall time of grading the reference through
`run_job` (the real sandbox; one warm-up job per warm parent first, which starts it), median over the same seeds.
Then `training-loop`, graded once: wall time, accuracy and the pass mark. Prints markdown.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402
from bench_nlp_exercises import grading_wall  # noqa: E402

from gpu_runner.bank import Bank  # noqa: E402
from gpu_runner.graders.code import expected_value  # noqa: E402
from gpu_runner.run import run_job  # noqa: E402
from gpu_runner.spec import ExerciseRef, JobSpec  # noqa: E402

CODE_SLUGS = ["layer-norm-module", "inverted-dropout", "adam-step", "rnn-cell", "lstm-cell", "conv2d"]
MODEL_SLUG = "training-loop"


def reference_cpu(exercise, seed: int) -> tuple[int, float]:
    """(cases, CPU seconds the reference spends on them in this process), gradient functions resolved as the
    grader resolves them (an expected error is one of the cases)."""
    reference, grader = exercise.load_module("reference"), exercise.load_module("grader")
    cases = grader.make_cases(np.random.default_rng(seed))
    started = time.process_time()
    for case in cases:
        expected_value(reference, case)
    return len(cases), time.process_time() - started


def model_reference(bank: Bank) -> tuple[float, float, float]:
    """(wall seconds, accuracy, pass mark) of grading training-loop's reference once."""
    exercise = bank.get(MODEL_SLUG)
    spec = JobSpec(
        job_id="bench-training-loop",
        kind=exercise.kind,
        exercise=ExerciseRef(exercise.slug, exercise.sha256),
        payload={"source": exercise.solution_source("reference.py")},
        limits=exercise.limits,
        seed=1,
    )
    started = time.perf_counter()
    result = run_job(spec, bank=bank)
    wall = time.perf_counter() - started
    if result.error is not None:
        raise SystemExit(f"{MODEL_SLUG}: the reference did not run: {result.error}")
    return wall, float(result.metrics["accuracy"]), float(result.metrics["threshold"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bank = Bank.default()
    exercises = [bank.get(slug) for slug in CODE_SLUGS]
    for parent in sorted({e.requires for e in exercises}):  # start each warm parent: not part of any figure
        grading_wall(bank, next(e for e in exercises if e.requires == parent), seed=0)
    print("| exercise | warm parent | cases | reference CPU (median) | CPU limit | grading wall per job (median) |")
    print("|---|---|---:|---:|---:|---:|")
    for exercise in exercises:
        seeds = range(1, args.runs + 1)
        measured = [reference_cpu(exercise, seed) for seed in seeds]
        cases = statistics.median(n for n, _ in measured)
        cpu = statistics.median(t for _, t in measured)
        wall = statistics.median(grading_wall(bank, exercise, seed) for seed in seeds)
        parent = "+".join(exercise.requires) or "plain"
        print(
            f"| {exercise.slug} | {parent} | {cases:.0f} | {cpu * 1000:.1f} ms | {exercise.limits.cpu_s:g} s "
            f"| {wall * 1000:.0f} ms |"
        )
    wall, accuracy, mark = model_reference(bank)
    print()
    print(f"`{MODEL_SLUG}` (torch warm parent): the reference's accuracy {accuracy:.4f} against a pass mark of")
    print(f"{mark:g}, graded in {wall:.1f} s (training included; CPU limit {bank.get(MODEL_SLUG).limits.cpu_s:g} s).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
