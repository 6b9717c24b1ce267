"""Every exercise in the default bank: its reference passes and each of its wrong solutions fails.

Parametrized over whatever the bank holds (code, model and quiz kinds), so a new exercise is covered
as soon as it lands. Everything goes through the real path: run_job -> grader -> sandbox, a solution file
completed by the starter as `Exercise.solution_source` completes it.
"""

from __future__ import annotations

import json

import pytest

from gpu_runner.bank import Bank, BankError, Exercise
from gpu_runner.run import run_job
from gpu_runner.spec import ExerciseRef, JobSpec

KINDS = ("code", "model", "quiz")
SEED = 20261129
MIN_WRONG = 2


def _solutions() -> list:
    """(slug, relative file, must_pass) for every exercise; a malformed bank becomes one failing param."""
    try:
        bank = Bank.default()
        exercises = bank.all()
    except BankError as exc:
        return [pytest.param(None, str(exc), False, id="bank-is-malformed")]
    params = []
    for exercise in exercises:
        if exercise.kind not in KINDS:
            continue
        suffix = ".json" if exercise.kind == "quiz" else ".py"
        marks = [pytest.mark.slow] if exercise.kind == "model" else []
        params.append(
            pytest.param(exercise.slug, f"reference{suffix}", True, marks=marks, id=f"{exercise.slug}:reference")
        )
        for wrong in sorted((exercise.path / "wrong").glob(f"*{suffix}")):
            relative = wrong.relative_to(exercise.path).as_posix()
            params.append(pytest.param(exercise.slug, relative, False, marks=marks, id=f"{exercise.slug}:{relative}"))
    return params


def _exercises() -> list:
    try:
        return [e.slug for e in Bank.default().all() if e.kind in KINDS]
    except BankError as exc:
        return [pytest.param(str(exc), id="bank-is-malformed")]


def _payload(exercise: Exercise, relative: str) -> dict:
    if exercise.kind == "quiz":
        return json.loads((exercise.path / relative).read_text(encoding="utf-8"))
    return {"source": exercise.solution_source(relative)}


@pytest.mark.parametrize(("slug", "relative", "must_pass"), _solutions())
def test_reference_passes_and_wrong_solutions_fail(bank, slug, relative, must_pass):
    if slug is None:
        pytest.fail(f"the exercise bank does not load: {relative}")
    exercise = bank.get(slug)
    spec = JobSpec(
        job_id=f"test-{slug}",
        kind=exercise.kind,
        exercise=ExerciseRef(slug=slug, sha256=exercise.sha256),
        payload=_payload(exercise, relative),
        limits=exercise.limits,
        seed=SEED,
    )
    result = run_job(spec, bank=bank)
    failed_checks = [f"{c.name}: {c.message}" for c in result.checks if not c.passed]
    if must_pass:
        assert result.error is None, f"{slug} reference: {result.error}\n{result.stderr_tail}"
        assert result.status == "passed", f"{slug} reference failed: {failed_checks}"
        if exercise.kind in ("code", "quiz"):
            assert result.score == 1.0, f"{slug} reference: score {result.score}, failed {failed_checks}"
        else:
            assert result.score >= exercise.pass_threshold
    else:
        assert result.error is None or result.error.code not in ("internal", "bank_mismatch"), (
            f"{slug} {relative}: the platform failed instead of grading: {result.error}\n{result.stderr_tail}"
        )
        assert result.status != "passed", f"{slug} {relative} passed (score {result.score}) but must fail"
    if exercise.kind == "code":
        # The feedback reaches a Chinese reader in Chinese: every name and failing message carries its Text.
        english_only = [c.name for c in result.checks if c.name_i18n is None]
        english_only += [f"{c.name}: {c.message}" for c in result.checks if c.message and c.message_i18n is None]
        assert english_only == [], f"{slug} {relative}: checks without a bilingual text: {english_only}"


@pytest.mark.parametrize("slug", _exercises())
def test_exercise_has_a_reference_and_at_least_two_wrong_solutions(bank, slug):
    if slug.startswith("/") or " " in slug:
        pytest.fail(f"the exercise bank does not load: {slug}")
    exercise = bank.get(slug)
    suffix = ".json" if exercise.kind == "quiz" else ".py"
    assert (exercise.path / f"reference{suffix}").is_file()
    wrong = sorted(p.name for p in (exercise.path / "wrong").glob(f"*{suffix}"))
    assert len(wrong) >= MIN_WRONG, f"{slug}: only {wrong} in wrong/"
