"""Print how much of the curriculum the exercise bank grades, per track and per stage and kind.

    python manage.py bank_coverage [--curriculum DIR] [--ungraded]

Read from the curriculum folder and the banks (default and PATHWISE_EXERCISE_BANKS); no database needed.
`--ungraded` lists the required milestones that have no graded exercise yet, one per line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from exercises.coverage import coverage_compute, coverage_markdown
from gpu_runner.bank import Bank, BankError
from planner.curriculum import CurriculumError, curriculum_parse


class Command(BaseCommand):
    help = "Coverage of the curriculum by the exercise bank: required milestones graded per track, exercises per stage."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--curriculum", type=Path, default=None, help="default: PATHWISE_CURRICULUM_DIR")
        parser.add_argument("--ungraded", action="store_true", help="list the ungraded required milestones only")

    def handle(self, *args: Any, curriculum: Path | None, ungraded: bool, **options: Any) -> None:
        try:
            parsed = curriculum_parse(curriculum or Path(str(settings.PATHWISE_CURRICULUM_DIR)))
        except CurriculumError as exc:
            raise CommandError("the curriculum is invalid:\n" + "\n".join(exc.errors)) from exc
        try:
            exercises = Bank.default().all()
        except BankError as exc:
            raise CommandError(f"the exercise bank is invalid: {exc}") from exc
        coverage = coverage_compute(curriculum=parsed, exercises=exercises)
        if ungraded:
            self.stdout.write("\n".join(coverage.ungraded_required))
        else:
            self.stdout.write(coverage_markdown(coverage), ending="")
