"""Send the behind-plan reminders now (what beat runs hourly). Idempotent: a second run this week sends nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from learning.services.reminders import behind_plan_list, reminders_send


class Command(BaseCommand):
    help = "Remind learners who are behind plan (once per learner, track and week); --dry-run lists them."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List who is behind plan; send nothing.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        if dry_run:
            for b in behind_plan_list():
                self.stdout.write(f"{b.user.get_username()}\t{b.track}\t{b.week}\t{b.behind_hours}\t{b.late_days}")
            return
        self.stdout.write(f"{reminders_send()} reminder(s) sent.")
