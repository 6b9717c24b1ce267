"""The learning app's part of the export and of its import: notes, spaced-review cards with their FSRS memory state
and rating history, and the weekly goal. Natural keys: a note by milestone, a card by its key (unique per learner),
a rating by its card and time, the goal by the learner."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from rest_framework import serializers

from config.bounds import max_length
from learning.models import CardSource, GoalKind, Note, ReviewCard, ReviewLog
from learning.services.rhythm import weekly_goal_get, weekly_goal_set
from planner.models import Milestone
from portability.values import jsonable

CARD_FIELDS = (
    "source",
    "key",
    "content",
    "active",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
)
GOAL_FIELDS = ("kind", "hours", "milestones", "exercises", "reminders")


def learning_export(user: AbstractBaseUser) -> dict[str, Any]:
    notes = Note.objects.filter(user=user).select_related("milestone").order_by("milestone__slug")
    cards = ReviewCard.objects.filter(user=user).select_related("milestone").prefetch_related("logs").order_by("key")
    goal = weekly_goal_get(user=user)
    return {
        "notes": [
            {
                "milestone": note.milestone.slug,
                "body": note.body,
                "shared_with_mentors": note.shared_with_mentors,
                "created_at": jsonable(note.created_at),
                "updated_at": jsonable(note.updated_at),
            }
            for note in notes
        ],
        "review_cards": [
            {
                "milestone": card.milestone.slug,
                **{name: jsonable(getattr(card, name)) for name in CARD_FIELDS},
                "logs": [
                    {
                        "rating": log.rating,
                        "correct": log.correct,
                        "first": log.first,
                        "reviewed_at": jsonable(log.reviewed_at),
                    }
                    for log in card.logs.all()
                ],
            }
            for card in cards
        ],
        "weekly_goal": {name: jsonable(getattr(goal, name)) for name in GOAL_FIELDS} if goal else None,
    }


class NoteIn(serializers.Serializer):
    milestone = serializers.SlugField(max_length=max_length(Milestone, "slug"))
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=max_length(Note, "body"))
    shared_with_mentors = serializers.BooleanField(default=False)


class _LogIn(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=4)
    correct = serializers.BooleanField(allow_null=True, required=False, default=None)
    first = serializers.BooleanField(default=False)
    reviewed_at = serializers.DateTimeField()


class CardIn(serializers.Serializer):
    milestone = serializers.SlugField(max_length=max_length(Milestone, "slug"))
    source = serializers.ChoiceField(choices=CardSource.choices)
    key = serializers.CharField(max_length=200)
    content = serializers.DictField(default=dict)
    active = serializers.BooleanField(default=True)
    state = serializers.IntegerField(min_value=1, max_value=3)
    step = serializers.IntegerField(min_value=0, max_value=100, allow_null=True, required=False)
    stability = serializers.FloatField(allow_null=True, required=False)
    difficulty = serializers.FloatField(allow_null=True, required=False)
    due = serializers.DateTimeField()
    last_review = serializers.DateTimeField(allow_null=True, required=False)
    reps = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    lapses = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    logs = serializers.ListField(child=_LogIn(), default=list, max_length=100_000)


class GoalIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=GoalKind.choices)
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True, required=False)
    milestones = serializers.IntegerField(min_value=0, max_value=1000, allow_null=True, required=False)
    exercises = serializers.IntegerField(min_value=0, max_value=1000, allow_null=True, required=False)
    reminders = serializers.BooleanField(default=True)


def learning_import(user: AbstractBaseUser, data: dict[str, Any], report: Any) -> None:
    """Notes, cards (with their ratings) and the goal this account does not have yet; what it has is kept."""
    slugs = [row["milestone"] for row in [*data.get("notes", []), *data.get("review_cards", [])]]
    milestones = Milestone.objects.in_bulk(slugs, field_name="slug")
    have = set(Note.objects.filter(user=user).values_list("milestone__slug", flat=True))
    for row in data.get("notes", []):
        if row["milestone"] not in milestones:
            report.lack("milestones", row["milestone"])
        elif row["milestone"] in have:
            report.count("notes", restored=False)
        else:
            Note.objects.create(user=user, milestone=milestones[row["milestone"]], **_without(row, "milestone"))
            report.count("notes", restored=True)
    _cards(user, data.get("review_cards", []), milestones, report)
    goal = data.get("weekly_goal")
    if goal and weekly_goal_get(user=user) is None:
        try:  # the goal's own rules, as a goal set on the rhythm page meets them
            weekly_goal_set(user=user, **goal)
        except ValidationError as exc:
            raise ValidationError({f"weekly_goal.{name}": errors for name, errors in exc.message_dict.items()}) from exc
        report.count("weekly_goal", restored=True)


def _cards(user: AbstractBaseUser, rows: list[dict[str, Any]], milestones: dict[str, Any], report: Any) -> None:
    have = set(ReviewCard.objects.filter(user=user).values_list("key", flat=True))
    for row in rows:
        if row["milestone"] not in milestones:
            report.lack("milestones", row["milestone"])
            continue
        if row["key"] in have:
            report.count("review_cards", restored=False)
            continue
        fields = _without(row, "milestone", "logs")
        card = ReviewCard.objects.create(user=user, milestone=milestones[row["milestone"]], **fields)
        ReviewLog.objects.bulk_create(ReviewLog(card=card, user=user, **log) for log in row["logs"])
        have.add(row["key"])
        report.count("review_cards", restored=True)


def _without(row: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key not in names}
