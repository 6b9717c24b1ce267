"""`python manage.py regrade --exercise SLUG [--since DATE]`: re-grade every standing submission of an exercise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from exercises.selectors import exercise_get
from exercises.services.regrading import exercise_regrade


def _since(text: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--since {text!r}: expected a date or date-time such as 2026-12-01.") from None
    return timezone.make_aware(when) if timezone.is_naive(when) else when


class Command(BaseCommand):
    help = (
        "Re-grade every standing submission of an exercise (after a bank fix changed it): new results linked to "
        "the old ones, no quota spent, queued behind learners' new submissions."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--exercise", required=True, help="The exercise's slug.")
        parser.add_argument("--since", type=_since, help="Only submissions made from this date (ISO 8601) on.")

    def handle(self, *args: Any, **options: Any) -> None:
        exercise = exercise_get(slug=options["exercise"])
        if exercise is None:
            raise CommandError(f"No exercise {options['exercise']!r}.")
        regrades = exercise_regrade(exercise=exercise, by=None, since=options["since"])
        self.stdout.write(f"{len(regrades)} re-grade(s) of {exercise.slug} queued.")
