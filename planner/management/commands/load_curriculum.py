from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from planner.curriculum import CurriculumError, curriculum_load, curriculum_parse


class Command(BaseCommand):
    help = (
        "Validate the curriculum YAML (stages/*.yaml, tracks.yaml) and load it: all or nothing, "
        "upsert by slug, learners' progress kept. See planner/curriculum/load.py for the reload policy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path", nargs="?", default=None, help="Curriculum folder (default: settings.PATHWISE_CURRICULUM_DIR)."
        )
        parser.add_argument("--check", action="store_true", help="Validate only; write nothing.")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["path"] or settings.PATHWISE_CURRICULUM_DIR))
        try:
            curriculum = curriculum_parse(options["path"] or path)
        except CurriculumError as exc:
            raise CommandError(
                f"The curriculum in {path} has {len(exc.errors)} error(s); nothing was written:\n"
                + "\n".join(f"  - {e}" for e in exc.errors)
            ) from None
        counts = (
            f"{len(curriculum.stages)} stages, {len(curriculum.milestones)} milestones, {len(curriculum.tracks)} tracks"
        )
        if options["check"]:
            self.stdout.write(self.style.SUCCESS(f"{path} is valid: {counts}."))
            return
        report = curriculum_load(curriculum=curriculum)
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}: {counts}."))
