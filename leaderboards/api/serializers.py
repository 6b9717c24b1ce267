"""Leaderboards API shapes: module-level, uniquely named (they become OpenAPI component names).

`private_score` and `private_rank` are null on an open board, whoever asks: the selector never reads them then.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from leaderboards.selectors import Board
from leaderboards.services import NAME_MAX


class BoardOutput(serializers.Serializer):
    exercise = serializers.CharField(source="exercise.slug")
    title_en = serializers.CharField(source="exercise.title_en")
    title_zh = serializers.CharField(source="exercise.title_zh")
    kind = serializers.CharField(source="exercise.kind")
    cohort = serializers.IntegerField(source="cohort.pk", allow_null=True, help_text="null for the global board")
    cohort_name = serializers.CharField(source="cohort.name", allow_null=True)
    closed = serializers.BooleanField()
    closed_at = serializers.DateTimeField(source="closing.closed_at", allow_null=True)
    closed_by = serializers.CharField(source="closing.closed_by.get_username", allow_null=True)

    def to_representation(self, board: Board) -> dict[str, Any]:
        exercise, cohort, closing = board.exercise, board.cohort, board.closing
        closer = closing.closed_by if closing is not None else None
        return {
            "exercise": exercise.slug,
            "title_en": exercise.title_en,
            "title_zh": exercise.title_zh,
            "kind": exercise.kind,
            "cohort": cohort.pk if cohort is not None else None,
            "cohort_name": cohort.name if cohort is not None else None,
            "closed": closing is not None,
            "closed_at": self.fields["closed_at"].to_representation(closing.closed_at) if closing else None,
            "closed_by": closer.get_username() if closer is not None else None,
        }


class RankingRowOutput(serializers.Serializer):
    rank = serializers.IntegerField(help_text="By the public score (ties: the earlier submission).")
    display_name = serializers.CharField()
    public_score = serializers.FloatField()
    submitted_at = serializers.DateTimeField()
    private_score = serializers.FloatField(allow_null=True, help_text="Only once the board is closed; else null.")
    private_rank = serializers.IntegerField(allow_null=True, help_text="Only once the board is closed; else null.")


class BoardDetailOutput(serializers.Serializer):
    board = BoardOutput()
    rows = RankingRowOutput(many=True)
    you = serializers.CharField(allow_null=True, help_text="Your display name on this exercise's boards, if any.")


class EntryInput(serializers.Serializer):
    display_name = serializers.CharField(max_length=NAME_MAX * 2, trim_whitespace=True)


class EntryOutput(serializers.Serializer):
    exercise = serializers.CharField(source="exercise.slug")
    display_name = serializers.CharField()
    created_at = serializers.DateTimeField()
