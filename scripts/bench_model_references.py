"""Model exercises' references against their pass marks, and what the naive and wrong solutions score.

    .venv/bin/python scripts/bench_model_references.py [--slugs ner-tagger dense-retrieval topic-classifier]

Each reference solution and each file in the exercise's wrong/ is graded once through `run_job` (the real
sandbox; torch exercises on the torch warm parent). The data and the hidden labels are fixed, so the scores are
exact, not samples; the times are one run each. A reference that fails its own pass mark stops the script.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gpu_runner.bank import Bank  # noqa: E402
from gpu_runner.run import run_job  # noqa: E402
from gpu_runner.spec import ExerciseRef, JobSpec  # noqa: E402

DEFAULT_SLUGS = ["ner-tagger", "dense-retrieval", "topic-classifier", "sentiment-classifier"]


def grade(bank: Bank, slug: str, file: Path) -> tuple[object, float]:
    exercise = bank.get(slug)
    spec = JobSpec(
        job_id=f"bench-{slug}-{file.stem}",
        kind="model",
        exercise=ExerciseRef(slug, exercise.sha256),
        payload={"source": exercise.solution_source(file.relative_to(exercise.path).as_posix())},
        limits=exercise.limits,
    )
    started = time.perf_counter()
    result = run_job(spec, bank=bank)
    return result, time.perf_counter() - started


def value_of(result: object) -> str:
    metrics = result.metrics or {}
    name = metrics.get("metric")
    if name in metrics:
        return f"{metrics[name]:.3f}"
    return "rejected" if result.error is None else f"error: {result.error.code}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slugs", nargs="+", default=DEFAULT_SLUGS)
    args = parser.parse_args()
    bank = Bank.default()

    print("| exercise | solution | metric | score | pass mark | passed | naive baseline | wall s | CPU s |")
    print("|---|---|---|---:|---:|---|---:|---:|---:|")
    for slug in args.slugs:
        exercise = bank.get(slug)
        files = [exercise.path / "reference.py", *sorted((exercise.path / "wrong").glob("*.py"))]
        for file in files:
            result, wall = grade(bank, slug, file)
            metrics = result.metrics or {}
            threshold = (exercise.metric or {}).get("threshold", exercise.pass_threshold)
            if file.name == "reference.py" and result.status != "passed":
                raise SystemExit(f"{slug}: the reference did not pass: {result.to_dict()}")
            baseline = metrics.get("baseline")
            label = "reference" if file.name == "reference.py" else f"wrong/{file.stem}"
            print(
                f"| {slug} | {label} | {(exercise.metric or {}).get('name', '')} | {value_of(result)} | {threshold:g} "
                f"| {'yes' if result.status == 'passed' else 'no'} "
                f"| {'' if baseline is None else f'{baseline:.3f}'} | {wall:.1f} "
                f"| {(result.usage or {}).get('cpu_s', 0.0):.1f} |"
            )


if __name__ == "__main__":
    main()
