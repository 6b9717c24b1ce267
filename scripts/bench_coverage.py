"""How much of the curriculum the exercise bank grades: required milestones with a graded exercise per track, and
exercises per stage and kind (the figures of `manage.py bank_coverage`), beside the baseline issue 10 measured.

    .venv/bin/python scripts/bench_coverage.py

Read from curriculum/ and exercise_bank/ (no database, no sandbox); it takes a second or two. The baseline is the
count issue 10 reported on the main branch when it was filed, quoted, not re-measured: the bank's format has
moved on since, so that commit's folders no longer load.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from exercises.coverage import coverage_compute, coverage_markdown  # noqa: E402
from gpu_runner.bank import Bank  # noqa: E402
from planner.curriculum import curriculum_parse  # noqa: E402

# Issue 10 as filed: 31 exercises (17 code, 7 quiz, 4 model, 3 fine-tune); 27 of the 95 milestones required in
# some track graded; data-scientist-nlp 23 of 77.
BASELINE = {"exercises": 31, "required": 95, "graded": 27, "kinds": {"code": 17, "quiz": 7, "model": 4, "finetune": 3}}


def main() -> None:
    started = time.perf_counter()
    curriculum = curriculum_parse(ROOT / "curriculum")
    exercises = Bank.default().all()
    coverage = coverage_compute(curriculum=curriculum, exercises=exercises)
    elapsed = time.perf_counter() - started
    kinds = Counter(e.kind for e in exercises)
    auto = sorted(m.slug for s in curriculum.stages for m in s.milestones if m.completion == "auto")
    graded_required = len(set(coverage.required) & set(coverage.graded))
    print(coverage_markdown(coverage))
    print("| Figure | Issue 10 as filed | Now |")
    print("|---|---:|---:|")
    print(f"| exercises | {BASELINE['exercises']} | {len(exercises)} |")
    for kind in sorted(set(kinds) | set(BASELINE["kinds"])):
        print(f"| {kind} exercises | {BASELINE['kinds'].get(kind, 0)} | {kinds.get(kind, 0)} |")
    print(
        f"| required milestones graded | {BASELINE['graded']} / {BASELINE['required']} | {graded_required} / {len(coverage.required)} |"
    )
    print(f"| milestones completed automatically (`completion: auto`) | - | {len(auto)} |")
    print()
    print(f"Ungraded required milestones: {', '.join(coverage.ungraded_required) or 'none'}.")
    print(f"Read and computed in {elapsed:.2f} s.")


if __name__ == "__main__":
    main()
