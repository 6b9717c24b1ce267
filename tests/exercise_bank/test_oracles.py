"""Oracle solutions (PROTOCOL contract 3): each `oracle/<library>.py` delegates to the field's own library and must
pass the exercise's grader. That proves the statement agrees with the field's standard definition (or, where the
statement says it differs, that the oracle bridges exactly the difference it names).

Graded through the real path (grader, reference, sandbox) with two things lifted, because an oracle is about
meaning, not about the learner's rules: the exercise's `libraries.forbidden` list (the oracle imports the very
library a learner may not), and the time and memory limits (importing torch or transformers in a fresh sandbox
child takes seconds and hundreds of MB that a learner's NumPy solution never needs).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
from typing import Any

import pytest

from gpu_runner.bank import Bank, BankError, Exercise
from gpu_runner.bank_modules import solution_parts
from gpu_runner.spec import ExerciseRef, JobSpec, Limits

SEED = 20261204
ORACLE_LIMITS = Limits(cpu_s=120.0, wall_s=240.0, memory_mb=4096, output_kb=1024)


def _oracles() -> list:
    try:
        exercises = Bank.default().all()
    except BankError as exc:
        return [pytest.param(None, str(exc), id="bank-is-malformed")]
    params = []
    for exercise in exercises:
        for oracle in sorted((exercise.path / "oracle").glob("*.py")):
            marks = [pytest.mark.slow] if oracle.stem in ("torch", "transformers") or exercise.kind == "model" else []
            params.append(pytest.param(exercise.slug, oracle.name, marks=marks, id=f"{exercise.slug}:{oracle.stem}"))
    return params


def lifted(exercise: Exercise) -> Exercise:
    """The exercise with nothing forbidden (the field is `libraries`, from PROTOCOL contract 1, where present)."""
    libraries = getattr(exercise, "libraries", None)
    if libraries is None or not getattr(libraries, "forbidden", ()):
        return exercise
    return dataclasses.replace(exercise, libraries=dataclasses.replace(libraries, forbidden=()))


def oracle_limits(exercise: Exercise) -> Limits:
    own = exercise.limits
    return Limits(
        cpu_s=max(own.cpu_s, ORACLE_LIMITS.cpu_s),
        wall_s=max(own.wall_s, ORACLE_LIMITS.wall_s),
        memory_mb=max(own.memory_mb, ORACLE_LIMITS.memory_mb),
        output_kb=max(own.output_kb, ORACLE_LIMITS.output_kb),
    )


def grade_oracle(exercise: Exercise, source: str) -> Any:
    spec = JobSpec(
        job_id=f"oracle-{exercise.slug}",
        kind=exercise.kind,
        exercise=ExerciseRef(slug=exercise.slug, sha256=exercise.sha256),
        payload={"source": source},
        limits=oracle_limits(exercise),
        seed=SEED,
    )
    # The grader directly (run_job would look the exercise up again, forbidden list included).
    grader = importlib.import_module(f"gpu_runner.graders.{exercise.kind}")
    return grader.run(spec, lifted(exercise))


@pytest.mark.parametrize(("slug", "name"), _oracles())
def test_each_oracle_that_delegates_to_the_fields_library_passes(slug, name):
    if slug is None:
        pytest.fail(f"the exercise bank does not load: {name}")
    exercise = Bank.default().get(slug)
    assert exercise.kind in ("code", "model"), f"{slug}: oracles are for code and model exercises"
    result = grade_oracle(exercise, exercise.solution_source(f"oracle/{name}"))
    failed = [f"{c.name}: {c.message}" for c in result.checks if not c.passed]
    assert result.error is None, f"{slug} oracle {name}: {result.error}\n{result.stderr_tail}"
    assert result.status == "passed", f"{slug} oracle {name} failed: {failed}"
    if exercise.kind == "code":
        assert result.score == 1.0, f"{slug} oracle {name}: score {result.score}, failed {failed}"


def test_an_oracle_imports_the_library_it_is_named_after():
    """An oracle named `torch.py` that only uses NumPy would prove nothing about torch's definition."""
    missing = []
    for exercise in Bank.default().all():
        for oracle in sorted((exercise.path / "oracle").glob("*.py")):
            text = oracle.read_text(encoding="utf-8")
            if f"import {oracle.stem}" not in text and f"from {oracle.stem}" not in text:
                missing.append(f"{exercise.slug}/oracle/{oracle.name}")
    assert missing == []


def test_an_entry_function_an_oracle_takes_from_the_reference_is_named_where_it_is_taken():
    """An oracle is completed by the reference (gpu_runner/bank_modules.py): an entry function it took from there
    without a word would pass the oracle test and prove nothing. Provided ones come from the starter, as a learner's."""
    unnamed = []
    for exercise in Bank.default().all():
        for oracle in sorted((exercise.path / "oracle").glob("*.py")):
            relative = f"oracle/{oracle.name}"
            named = {
                alias.name
                for node in ast.parse(oracle.read_text(encoding="utf-8")).body
                if isinstance(node, ast.ImportFrom) and node.module == "reference"
                for alias in node.names
            }
            reference_part = next(p for p in solution_parts(exercise.path, relative) if p.file.name == "reference.py")
            from_reference = {n.name for n in ast.parse(reference_part.text).body if isinstance(n, ast.FunctionDef)}
            unnamed += [f"{exercise.slug}/{relative}: {fn}" for fn in exercise.entry if fn in from_reference - named]
    assert unnamed == []
