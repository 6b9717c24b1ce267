"""Command line: grade a job spec, or a local file against an exercise of the bank.

    python -m gpu_runner run SPEC.json [--out RESULT.json]
    python -m gpu_runner grade SLUG FILE [--seed N] [--device auto|cpu|cuda]

Both print the JobResult as JSON (and `--out` also writes it); progress events of long jobs go to
stderr, one JSON object a line. Exit status: 0 when the job was graded
(whatever the verdict), 1 when the result is an error, 2 for a usage problem (a missing file, bad JSON,
an unknown exercise), which is reported in one line without a traceback.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from pathlib import Path
from typing import Any

from gpu_runner.bank import Bank, BankError, Exercise
from gpu_runner.spec import DEVICES, KINDS, ExerciseRef, JobResult, JobSpec, SpecError


class UsageError(Exception):
    """A problem with the command line's inputs: reported in one line, exit status 2."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gpu_runner", description="Pathwise grading runtime")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="grade a JobSpec JSON file")
    run_parser.add_argument("spec", type=Path)
    run_parser.add_argument("--out", type=Path, default=None, help="also write the JobResult JSON here")
    grade_parser = commands.add_parser("grade", help="grade a local file against an exercise of the bank")
    grade_parser.add_argument("slug")
    grade_parser.add_argument(
        "file", type=Path, help="code/model: a .py file; quiz: JSON answers; finetune: JSON config"
    )
    grade_parser.add_argument("--seed", type=int, default=None, help="input seed (default: random)")
    grade_parser.add_argument("--device", choices=DEVICES, default="auto")
    grade_parser.add_argument("--out", type=Path, default=None, help="also write the JobResult JSON here")
    args = parser.parse_args(argv)

    try:
        if args.command == "run":
            spec = _spec_from_file(args.spec)
        else:
            spec = local_file_spec(slug=args.slug, file=args.file, seed=args.seed, device=args.device)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    from gpu_runner.run import run_job

    result = run_job(spec, on_event=_print_event)
    text = result_json(result)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 1 if result.status == "error" else 0


def _print_event(event: dict[str, Any]) -> None:
    """Progress of long jobs (fine-tuning) as JSON lines on stderr, so stdout stays one JSON document."""
    print(json.dumps(event, default=_json_default), file=sys.stderr, flush=True)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not valid JSON: {exc}") from None


def _spec_from_file(path: Path) -> JobSpec:
    data = _read_json(path)
    if not isinstance(data, dict):
        raise UsageError(f"{path} must hold a JSON object (a JobSpec)")
    try:
        return JobSpec.from_dict(data)
    except SpecError as exc:
        raise UsageError(f"{path}: {exc}") from None


def result_json(result: JobResult) -> str:
    """The JobResult as the command prints it."""
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=_json_default)


def _source(exercise: Exercise, file: Path) -> str:
    """A learner's file as it is; one of the exercise's own solutions completed, as the bank's tests grade it."""
    if file.resolve().is_relative_to(exercise.path):
        return exercise.solution_source(file.resolve().relative_to(exercise.path).as_posix())
    return file.read_text(encoding="utf-8")


def local_file_spec(*, slug: str, file: Path, seed: int | None = None, device: str = "auto") -> JobSpec:
    """The job for `grade SLUG FILE` (also `manage.py grade`): code as a .py file, quiz answers or a fine-tuning
    configuration as JSON (the whole payload or its inside); a random seed, said on stderr, when none is given.
    Raises UsageError with a one-line message."""
    try:
        exercise = Bank.default().get(slug)
    except BankError as exc:
        raise UsageError(str(exc)) from None
    if exercise.kind not in KINDS:
        # An artefact is scored by a mentor against its rubric on the web side: there is no program to grade it.
        raise UsageError(
            f"{slug} is an {exercise.kind} exercise: a mentor scores it against its rubric, no grader runs"
        )
    if exercise.kind in ("code", "model"):
        try:
            payload: dict[str, Any] = {"source": _source(exercise, file)}
        except FileNotFoundError:
            raise UsageError(f"no such file: {file}") from None
        except (OSError, UnicodeDecodeError, BankError) as exc:
            raise UsageError(f"cannot read {file}: {exc}") from None
    else:
        data = _read_json(file)
        key = "answers" if exercise.kind == "quiz" else "config"
        if not isinstance(data, dict):
            raise UsageError(f"{file} must hold a JSON object")
        # Accept either the whole payload ({"answers": {...}}) or just its inside ({"q1": "b"}).
        payload = data if key in data else {key: data}
    if seed is None:
        seed = secrets.randbelow(2**31)
        print(f"seed: {seed}", file=sys.stderr)
    return JobSpec(
        job_id=f"local-{exercise.slug}",
        kind=exercise.kind,
        exercise=ExerciseRef(slug=exercise.slug, sha256=exercise.sha256),
        payload=payload,
        limits=exercise.limits,
        seed=seed,
        device=device,
    )


def _json_default(value: Any) -> Any:
    # Graders should return plain JSON; numpy scalars slip through easily, so accept them here.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, JobResult):
        return value.to_dict()
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
