"""The classic-NLP code exercises: how long grading one submission takes, and how much of the CPU limit the
reference uses.

    .venv/bin/python scripts/bench_nlp_exercises.py [--runs 5] [--slugs bpe-train ngram-perplexity ...]

For each exercise: the number of cases a job draws; the reference's own CPU time over those cases, called in this
process (median over `--runs` seeds), against the exercise's CPU limit; and the wall time of grading the reference
through `run_job` (the real sandbox, after one warm-up job that starts the warm parent), median over the same
seeds. Prints a markdown table.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpu_runner.bank import Bank  # noqa: E402
from gpu_runner.run import run_job  # noqa: E402
from gpu_runner.spec import ExerciseRef, JobSpec  # noqa: E402

DEFAULT_SLUGS = [
    "bpe-train",
    "unigram-tokenizer",
    "max-match-segmentation",
    "ngram-perplexity",
    "text-normalization",
    "edit-distance",
    "hmm-pos-tagger",
]


def reference_cpu(exercise, seed: int) -> tuple[int, float]:
    """(cases, CPU seconds the reference spends on them in this process)."""
    reference, grader = exercise.load_module("reference"), exercise.load_module("grader")
    cases = grader.make_cases(np.random.default_rng(seed))
    started = time.process_time()
    for case in cases:
        with contextlib.suppress(Exception):  # an expected error is one of the cases
            getattr(reference, case.fn)(*case.args, **case.kwargs)
    return len(cases), time.process_time() - started


def grading_wall(bank: Bank, exercise, seed: int) -> float:
    spec = JobSpec(
        job_id=f"bench-{exercise.slug}-{seed}",
        kind=exercise.kind,
        exercise=ExerciseRef(exercise.slug, exercise.sha256),
        payload={"source": exercise.solution_source("reference.py")},
        limits=exercise.limits,
        seed=seed,
    )
    started = time.perf_counter()
    result = run_job(spec, bank=bank)
    elapsed = time.perf_counter() - started
    if result.status != "passed":
        raise SystemExit(f"{exercise.slug}: the reference did not pass (seed {seed}): {result.error}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slugs", nargs="+", default=DEFAULT_SLUGS)
    args = parser.parse_args()
    bank = Bank.default()
    grading_wall(bank, bank.get(args.slugs[0]), seed=0)  # starts the warm parent: not part of any figure
    print("| exercise | cases | reference CPU (median) | CPU limit | limit / reference | grading wall (median) |")
    print("|---|---:|---:|---:|---:|---:|")
    for slug in args.slugs:
        exercise = bank.get(slug)
        seeds = range(1, args.runs + 1)
        measured = [reference_cpu(exercise, seed) for seed in seeds]
        cases = statistics.median(n for n, _ in measured)
        cpu = statistics.median(t for _, t in measured)
        wall = statistics.median(grading_wall(bank, exercise, seed) for seed in seeds)
        limit = exercise.limits.cpu_s
        print(
            f"| {slug} | {cases:.0f} | {cpu * 1000:.1f} ms | {limit:g} s | {limit / max(cpu, 1e-6):,.0f}x "
            f"| {wall * 1000:.0f} ms |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
