"""Learning API shapes: module-level, unique names (InputX / XOutput)."""

from __future__ import annotations

from rest_framework import serializers

from config.api import IdField
from config.bounds import max_length
from config.markdown import render_markdown
from learning.models import NOTE_MAX_CHARS, Note, Rating
from learning.selectors import MAX_SEARCH_CHARS
from planner.models import Milestone

# --- notes ---------------------------------------------------------------------------------------


class NoteListQueryInput(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_SEARCH_CHARS, help_text="Text to find.")
    user = IdField(required=False, help_text="A learner you mentor: the notes they share with their mentors.")


class NoteReadQueryInput(serializers.Serializer):
    user = IdField(required=False, help_text="A learner you mentor: their note, if they share it.")


class NoteCreateInput(serializers.Serializer):
    milestone = serializers.SlugField(max_length=max_length(Milestone, "slug"))
    body = serializers.CharField(max_length=NOTE_MAX_CHARS, allow_blank=False, trim_whitespace=False)
    shared_with_mentors = serializers.BooleanField(required=False, default=False)


class NoteUpdateInput(serializers.Serializer):
    body = serializers.CharField(max_length=NOTE_MAX_CHARS, allow_blank=True, trim_whitespace=False)
    shared_with_mentors = serializers.BooleanField(required=False)


class NoteOutput(serializers.ModelSerializer):
    milestone = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    milestone_title = serializers.CharField(source="milestone.title", read_only=True)
    html = serializers.SerializerMethodField(help_text="The note as Markdown rendered and sanitised.")

    class Meta:
        model = Note
        fields = ["milestone", "milestone_title", "body", "html", "shared_with_mentors", "created_at", "updated_at"]

    def get_html(self, note: Note) -> str:
        return str(render_markdown(note.body, drop_title=False))


# --- review --------------------------------------------------------------------------------------


class ReviewAnswerInput(serializers.Serializer):
    rating = serializers.ChoiceField(
        choices=[r.name.lower() for r in Rating],
        required=False,
        help_text="again | hard | good | easy. A quiz card may send `answer` instead (wrong means again, right good).",
    )
    # Neither is a 400 from the service (review_card_answer), once the card is known to be the caller's: one rule.
    answer = serializers.JSONField(required=False, help_text="A quiz card's answer: an option id, a list, a number.")


class ReviewCardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    milestone = serializers.CharField(help_text="The milestone's slug.")
    milestone_title = serializers.CharField()
    source = serializers.CharField(help_text="recall | quiz")
    front = serializers.CharField(help_text="The prompt, in the reader's language (Markdown for a quiz).")
    back = serializers.CharField(help_text="The answer side of a recall card; empty for a quiz before answering.")
    question = serializers.JSONField(help_text="A quiz card's question: type and options (no answer); else null.")
    due = serializers.DateTimeField()
    state = serializers.CharField(help_text="new | learning | review | relearning")
    retrievability = serializers.FloatField(allow_null=True)


class ReviewDueOutput(serializers.Serializer):
    date = serializers.DateField(help_text="Today in the learner's time zone.")
    time_zone = serializers.CharField()
    due_count = serializers.IntegerField()
    new_left_today = serializers.IntegerField()
    later_today = serializers.IntegerField(help_text="Cards that fall due later today (their time).")
    cards = ReviewCardOutput(many=True)


class ReviewResultOutput(serializers.Serializer):
    card = serializers.IntegerField()
    rating = serializers.CharField()
    correct = serializers.BooleanField(allow_null=True)
    due = serializers.DateTimeField()
    interval_days = serializers.FloatField()
    explanation = serializers.CharField(help_text="A quiz card's explanation, once answered.")
    answer = serializers.JSONField(help_text="A quiz card's right answer, once answered.")
