"""`python manage.py import_learner FILE --user USERNAME`: restore an export into an account (idempotent)."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portability.services import learner_import


class Command(BaseCommand):
    help = (
        "Restore a Pathwise export (JSON) into an existing account, matching tracks, milestones and exercises by "
        "slug. Prints the report as JSON: what was restored, what was already there, what this instance lacks. "
        "Running it twice restores nothing twice."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="Username of the account to restore into.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"No user named {options['user']!r}: create the account first.")
        try:
            with open(options["file"], encoding="utf-8") as source:
                document = json.load(source)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"Cannot read {options['file']}: {exc}") from None
        try:
            report = learner_import(user=user, document=document)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(json.dumps(report.as_dict(), indent=1, sort_keys=True))
