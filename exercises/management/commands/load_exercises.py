"""Sync the exercise bank into Exercise rows: public fields and the content hash only.

Reference solutions, graders, quiz answers and hidden data stay in the bank folders; the web side never
holds them. Idempotent: an unchanged exercise is not written; one that left the bank is deactivated.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from exercises.models import Exercise
from gpu_runner.bank import Bank, BankError

UNKNOWN_MILESTONES = (
    "Exercise(s) name milestones that are not in the curriculum: {pairs}. "
    "Load the curriculum first or fix exercise.yaml; nothing was written."
)


def exercise_fields(bank_exercise: Any) -> dict[str, Any]:
    """The columns of an Exercise row from a bank exercise's public data."""
    public = bank_exercise.public_dict()
    extras = dict(public.get("public") or {})
    if "questions" in public:
        extras["questions"] = public["questions"]
    if "rubric" in public:
        extras["rubric"] = public["rubric"]
    # What the sandbox allows and forbids (exercise.yaml `libraries`, `requires`): shown on the page and filtered on.
    extras["libraries"] = public["libraries"]
    extras["requires"] = public["requires"]
    return {
        "kind": public["kind"],
        "order": public["order"],
        "required": public["required"],
        "version": public["version"],
        "sha256": public["sha256"],
        "title_en": public["title"]["en"],
        "title_zh": public["title"]["zh"],
        "statement_en": public["statement"]["en"],
        "statement_zh": public["statement"]["zh"],
        "starter": public["starter"],
        "entry": public["entry"],
        "public": extras,
        "limits": public["limits"],
        "pass_threshold": public["pass_threshold"],
        "metric": public["metric"],
        "active": True,
    }


class Command(BaseCommand):
    help = "Sync the exercise bank (exercise_bank/ + PATHWISE_EXERCISE_BANKS) into the database."

    def handle(self, *args: Any, **options: Any) -> None:
        from planner.models import Milestone

        try:
            bank_exercises = Bank.default().all()
        except BankError as exc:
            raise CommandError(f"The exercise bank is malformed: {exc}") from exc
        milestones = {m.slug: m for m in Milestone.objects.filter(slug__in={e.milestone for e in bank_exercises})}
        unknown = [f"{e.slug} -> {e.milestone}" for e in bank_exercises if e.milestone not in milestones]
        if unknown:
            raise CommandError(UNKNOWN_MILESTONES.format(pairs=", ".join(unknown)))

        counts = {"created": 0, "updated": 0, "unchanged": 0, "deactivated": 0}
        with transaction.atomic():
            existing = {e.slug: e for e in Exercise.objects.select_for_update()}
            for bank_exercise in bank_exercises:
                fields = exercise_fields(bank_exercise)
                fields["milestone"] = milestones[bank_exercise.milestone]
                row = existing.get(bank_exercise.slug)
                if row is None:
                    Exercise.objects.create(slug=bank_exercise.slug, **fields)
                    counts["created"] += 1
                    continue
                changed = [name for name, value in fields.items() if getattr(row, name) != value]
                if not changed:
                    counts["unchanged"] += 1
                    continue
                for name in changed:
                    setattr(row, name, fields[name])
                row.save(update_fields=changed)
                counts["updated"] += 1
            in_bank = {e.slug for e in bank_exercises}
            gone = [slug for slug, row in existing.items() if row.active and slug not in in_bank]
            counts["deactivated"] = Exercise.objects.filter(slug__in=gone).update(active=False)
        self.stdout.write(
            "Exercises: {created} created, {updated} updated, {unchanged} unchanged, {deactivated} deactivated.".format(
                **counts
            )
        )
