"""Restoring an export into an account, on this instance or another one.

Rows are matched by natural keys (track, milestone and exercise slugs; a submission by exercise and attempt
number), so a second run of the same document restores nothing twice. What this instance lacks (a milestone or
an exercise another instance has) is reported, not guessed. Progress never moves backwards: a milestone done here
stays done whatever the document says. Everything happens in one transaction: a failure stores nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.services.profiles import EMAIL_FIELDS, profile_update
from exercises.models import FINAL_STATUSES, Exercise, SignOff, Submission
from planner.models import Enrolment, Milestone, Progress, ProgressState, Track
from planner.services import enrolment_create, plan_generate, progress_ensure, progress_recompute
from portability.learning import learning_import
from portability.selectors import PROFILE_FIELDS  # the export writes these; the import restores the same
from portability.services.document import document_clean, malformed

# How far along each state is: an import only ever moves a milestone forwards.
RANK = {
    ProgressState.LOCKED: 0,
    ProgressState.AVAILABLE: 1,
    ProgressState.IN_PROGRESS: 2,
    ProgressState.SKIPPED: 3,
    ProgressState.DONE: 4,
}


@dataclass
class ImportReport:
    restored: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    not_restored: dict[str, int] = field(default_factory=dict)

    def count(self, part: str, restored: bool) -> None:
        bucket = self.restored if restored else self.unchanged
        bucket[part] = bucket.get(part, 0) + 1

    def lack(self, kind: str, slug: str) -> None:
        slugs = self.missing.setdefault(kind, [])
        if slug not in slugs:
            slugs.append(slug)

    def as_dict(self) -> dict[str, Any]:
        return {
            "restored": self.restored,
            "unchanged": self.unchanged,
            "missing": {kind: sorted(slugs) for kind, slugs in self.missing.items()},
            "not_restored": self.not_restored,
        }


def learner_import(*, user: AbstractBaseUser, document: Any) -> ImportReport:
    """Restore `document` (an export, parsed JSON) into `user`'s account; raises ValidationError, storing
    nothing, when it is not a well-formed export."""
    data = document_clean(document)
    report = ImportReport()
    with transaction.atomic():
        # The learner's rows are serialised on their user row, as every progress change is.
        get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
        if "profile" in data:
            _profile(user, data["profile"])
        enrolments = _enrolments(user, data["enrolments"], report)
        _progress(user, data["progress"], report)
        _sign_offs(user, data["sign_offs"], report)
        _submissions(user, data["submissions"], report)
        try:
            learning_import(user, data, report)
        except ValidationError as exc:  # a part the learning app's own rules refuse (a weekly goal out of range)
            raise malformed(exc.message_dict) from exc
        progress_recompute(user=user, announce=False)
        for enrolment in enrolments:
            plan_generate(enrolment=enrolment, check_target=False)
    return report


def _profile(user: AbstractBaseUser, profile: dict[str, Any]) -> None:
    """The profile's settings, through the settings page's own service (an unknown time zone or language is
    refused as it is there)."""
    email = {kind: profile[field] for kind, field in EMAIL_FIELDS.items() if field in profile}
    rest = {name: profile[name] for name in PROFILE_FIELDS if name in profile and name not in EMAIL_FIELDS.values()}
    try:
        profile_update(user=user, email=email, **rest)
    except ValidationError as exc:
        raise malformed({f"profile.{name}": errors for name, errors in exc.message_dict.items()}) from exc


def _enrolments(user: AbstractBaseUser, rows: list[dict[str, Any]], report: ImportReport) -> list[Enrolment]:
    """New enrolments (with their progress rows) for tracks this instance has; returns those whose plan the
    document carried, to plan again here (a plan is derived from the enrolment and progress)."""
    tracks = Track.objects.in_bulk([row["track"] for row in rows], field_name="slug")
    mine = set(Enrolment.objects.filter(user=user).values_list("track__slug", flat=True))
    planned = []
    for row in rows:
        track = tracks.get(row["track"])
        if track is None:
            report.lack("tracks", row["track"])
            continue
        if track.slug in mine:
            report.count("enrolments", restored=False)
            continue
        enrolment = enrolment_create(
            user=user,
            track=track,
            hours_per_week=row["hours_per_week"],
            start_date=row["start_date"],
            target_date=row.get("target_date"),
            include_optional=row["include_optional"],
        )
        mine.add(track.slug)
        report.count("enrolments", restored=True)
        if row.get("plan"):
            planned.append(enrolment)
    return planned


def _progress(user: AbstractBaseUser, rows: list[dict[str, Any]], report: ImportReport) -> None:
    milestones = Milestone.objects.in_bulk([row["milestone"] for row in rows], field_name="slug")
    for row in rows:
        if row["milestone"] not in milestones:
            report.lack("milestones", row["milestone"])
    progress_ensure(user=user, milestone_ids=[m.pk for m in milestones.values()])
    here = {p.milestone_id: p for p in Progress.objects.filter(user=user, milestone__in=milestones.values())}
    for row in rows:
        milestone = milestones.get(row["milestone"])
        if milestone is None:
            continue
        current = here[milestone.pk]
        if RANK[row["state"]] <= RANK[current.state] or row["state"] == ProgressState.AVAILABLE:
            report.count("progress", restored=False)
            continue
        current.state, current.evidence = row["state"], row["evidence"]
        current.started_at = row.get("started_at") or current.started_at
        current.completed_at = row.get("completed_at")
        current.save()
        report.count("progress", restored=True)


def _sign_offs(user: AbstractBaseUser, rows: list[dict[str, Any]], report: ImportReport) -> None:
    """A sign-off's mentor is a person of the other instance: the evidence is kept, its mentor unknown here (as
    for sign-offs recorded before mentors were kept)."""
    milestones = Milestone.objects.in_bulk([row["milestone"] for row in rows], field_name="slug")
    for row in rows:
        milestone = milestones.get(row["milestone"])
        if milestone is None:
            report.lack("milestones", row["milestone"])
            continue
        _, created = SignOff.objects.get_or_create(learner=user, milestone=milestone)
        report.count("sign_offs", restored=created)


def _key(slug: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """A submission's natural key: exercise and attempt; a re-grade of that attempt adds its time."""
    return (slug, row["attempt"], row["created_at"] if row["regrade"] else None)


def _submissions(user: AbstractBaseUser, rows: list[dict[str, Any]], report: ImportReport) -> None:
    exercises = Exercise.objects.in_bulk([row["exercise"] for row in rows], field_name="slug")
    here = Submission.objects.filter(user=user).values_list("exercise__slug", "attempt", "regrade_of", "created_at")
    taken = {(slug, attempt, created if regrade_of else None) for slug, attempt, regrade_of, created in here}
    new: list[Submission] = []
    for row in rows:
        exercise = exercises.get(row["exercise"])
        if exercise is None:
            report.lack("exercises", row["exercise"])
        elif row["status"] not in FINAL_STATUSES:
            # Still queued or running where it was exported: there is no result to restore.
            report.not_restored["unfinished_submissions"] = report.not_restored.get("unfinished_submissions", 0) + 1
        elif _key(exercise.slug, row) in taken:
            report.count("submissions", restored=False)
        else:
            taken.add(_key(exercise.slug, row))
            new.append(_submission(user, exercise, row))
            report.count("submissions", restored=True)
        if row["reviews"]:
            # A review's author is a mentor of the other instance, who has no account here.
            report.not_restored["reviews"] = report.not_restored.get("reviews", 0) + len(row["reviews"])
    # Attempts first, then their re-grades, linked to them (only an attempt is unique by its number).
    created = Submission.objects.bulk_create([s for s in new if not s._imported_regrade], batch_size=500)  # type: ignore[attr-defined]
    firsts = Submission.objects.filter(user=user, regrade_of__isnull=True).values_list("exercise_id", "attempt", "pk")
    originals = {(exercise_id, attempt): pk for exercise_id, attempt, pk in firsts}
    regrades = [s for s in new if s._imported_regrade]  # type: ignore[attr-defined]
    for submission in regrades:
        submission.regrade_of_id = originals.get((submission.exercise_id, submission.attempt))
    created += Submission.objects.bulk_create([s for s in regrades if s.regrade_of_id], batch_size=500)
    for submission in created:
        # created_at is set on insert (auto_now_add): the submission's own date is put back in one more statement.
        submission.created_at = submission._imported_at  # type: ignore[attr-defined]
    Submission.objects.bulk_update(created, ["created_at"], batch_size=500)


def _submission(user: AbstractBaseUser, exercise: Exercise, row: dict[str, Any]) -> Submission:
    submission = Submission(
        user=user,
        exercise=exercise,
        attempt=row["attempt"],
        job_id=uuid.uuid4(),
        exercise_sha256=row["exercise_sha256"] or exercise.sha256,
        payload=row["payload"],
        # Its day is past and it ran elsewhere: it uses none of today's quota here.
        counts_against_quota=False,
        status=row["status"],
        score=row.get("score"),
        checks=row["checks"],
        metrics=row["metrics"],
        curve=row["curve"],
        stdout_tail=row["stdout_tail"],
        stderr_tail=row["stderr_tail"],
        usage=row["usage"],
        error_code=row["error_code"],
        error_message=row["error_message"],
        error_i18n=row["error_i18n"],
        finished_at=row.get("finished_at"),
        superseded_at=row.get("superseded_at"),
    )
    submission._imported_at = row["created_at"]  # type: ignore[attr-defined]
    submission._imported_regrade = row["regrade"]  # type: ignore[attr-defined]
    return submission
