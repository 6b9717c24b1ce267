from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from planner.curriculum import curriculum_export


class Command(BaseCommand):
    help = "Write the curriculum in the database out as YAML, in the format load_curriculum reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", default=None, help="Folder to write (default: settings.PATHWISE_CURRICULUM_DIR).")

    def handle(self, *args: object, **options: object) -> None:
        out = options["out"] or settings.PATHWISE_CURRICULUM_DIR
        written = curriculum_export(out=out)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} files to {out}."))
