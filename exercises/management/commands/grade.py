"""Grade a local file against a bank exercise: `python -m gpu_runner grade` under manage.py.

    python manage.py grade SLUG FILE [--seed N] [--device auto|cpu|cuda]

Prints the JobResult JSON. It never touches the database, so it works where none is reachable.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from gpu_runner.__main__ import UsageError, local_file_spec, result_json
from gpu_runner.spec import DEVICES


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
            spec = local_file_spec(slug=slug, file=file, seed=seed, device=device)
        except UsageError as exc:
            raise CommandError(str(exc)) from None
        from gpu_runner.run import run_job  # the sandbox and graders load only when a job runs

        result = run_job(spec)
        self.stdout.write(result_json(result))
        if result.status == "error":
            sys.exit(1)
