"""Grade a local file against a bank exercise through the same gpu_runner path as the workers.

    python manage.py grade SLUG FILE [--seed N] [--device auto|cpu|cuda]

Prints the JobResult JSON. It never touches the database, so it works where none is reachable.
"""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gpu_runner.bank import Bank, BankError
from gpu_runner.spec import DEVICES, ExerciseRef, JobSpec


class Command(BaseCommand):
    help = "Grade FILE (code: .py; quiz: JSON answers; finetune: JSON config) against exercise SLUG."
    # System checks may query the database (e.g. migrations); this command needs none.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug")
        parser.add_argument("file", type=Path)
        parser.add_argument("--seed", type=int, default=None, help="input seed (default: random)")
        parser.add_argument("--device", choices=DEVICES, default="auto")

    def handle(self, *args: Any, slug: str, file: Path, seed: int | None, device: str, **options: Any) -> None:
        try:
            exercise = Bank.default().get(slug)
        except BankError as exc:
            raise CommandError(str(exc)) from exc
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"no such file: {file}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from None
        if exercise.kind in ("code", "model"):
            payload: dict[str, Any] = {"source": text}
        else:
            key = "answers" if exercise.kind == "quiz" else "config"
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise CommandError(f"{file} is not valid JSON: {exc}") from None
            if not isinstance(data, dict):
                raise CommandError(f"{file} must hold a JSON object")
            payload = data if key in data else {key: data}
        spec = JobSpec(
            job_id=f"local-{exercise.slug}",
            kind=exercise.kind,
            exercise=ExerciseRef(slug=exercise.slug, sha256=exercise.sha256),
            payload=payload,
            limits=exercise.limits,
            seed=seed if seed is not None else secrets.randbelow(2**31),
            device=device,
        )
        from gpu_runner.run import run_job

        result = run_job(spec)
        self.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=_json_default))
        if result.status == "error":
            sys.exit(1)


def _json_default(value: Any) -> Any:
    return value.tolist() if hasattr(value, "tolist") else str(value)
