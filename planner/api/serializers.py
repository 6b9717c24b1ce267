"""Planner API shapes: module-level, uniquely named (they become OpenAPI component names)."""

from __future__ import annotations

from rest_framework import serializers

from config.api import IdField, SlugRowField
from config.bounds import MAX_WEEKLY_HOURS, MIN_WEEKLY_HOURS, max_length
from planner.models import Enrolment, Milestone, Progress, Resource, Stage, Track, TrackMilestone
from planner.services.progress import SETTABLE_STATES

# --- query parameters ----------------------------------------------------------------------------


class LearnerQueryInput(serializers.Serializer):
    user = IdField(required=False, help_text="Another learner's id (their mentors and staff only).")


# --- curriculum ----------------------------------------------------------------------------------


class StageOutput(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["slug", "order", "title_en", "title_zh", "summary_en", "summary_zh"]


class TrackOutput(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["slug", "role", "order", "title_en", "title_zh", "summary_en", "summary_zh"]


# The milestone's columns on a row that points at one (a track's item, a progress row), in the order each
# serializer's Meta.fields gives. No docstring: a serializer's docstring becomes its OpenAPI component's description.
class MilestoneColumns(serializers.Serializer):
    title_en = serializers.CharField(source="milestone.title_en")
    title_zh = serializers.CharField(source="milestone.title_zh")
    stage = serializers.CharField(source="milestone.stage.slug")
    hours = serializers.FloatField(source="milestone.hours")
    completion = serializers.CharField(source="milestone.completion")


class TrackMilestoneOutput(MilestoneColumns, serializers.ModelSerializer):
    slug = serializers.CharField(source="milestone.slug")
    required = serializers.BooleanField()
    order = serializers.IntegerField()

    class Meta:
        model = TrackMilestone
        fields = ["slug", "title_en", "title_zh", "stage", "hours", "completion", "required", "order"]


class TrackDetailOutput(TrackOutput):
    milestones = TrackMilestoneOutput(source="items", many=True)

    class Meta(TrackOutput.Meta):
        fields = [*TrackOutput.Meta.fields, "milestones"]


class MilestoneOutput(serializers.ModelSerializer):
    stage = serializers.CharField(source="stage.slug")
    hours = serializers.FloatField()
    prerequisites = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Milestone
        fields = [
            "slug",
            "stage",
            "order",
            "title_en",
            "title_zh",
            "summary_en",
            "summary_zh",
            "hours",
            "completion",
            "topics_en",
            "topics_zh",
            "prerequisites",
        ]


class MilestoneListQueryInput(serializers.Serializer):
    expand = serializers.ChoiceField(
        choices=["resources"], required=False, help_text="`resources`: each milestone's reading list, nested."
    )


class MilestoneRefOutput(serializers.Serializer):
    slug = serializers.CharField()
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    stage = serializers.CharField(source="stage.slug")


class ResourceOutput(serializers.ModelSerializer):
    class Meta:
        model = Resource
        fields = ["title", "authors", "kind", "url"]


class MilestoneExpandedOutput(MilestoneOutput):
    """A list item with `?expand=resources`; the plain list stays lean (scalars and prerequisites' slugs)."""

    resources = ResourceOutput(many=True, read_only=True)

    class Meta(MilestoneOutput.Meta):
        fields = [*MilestoneOutput.Meta.fields, "resources"]


class MilestoneTrackOutput(serializers.Serializer):
    slug = serializers.CharField(source="track.slug")
    required = serializers.BooleanField()


class MilestoneDetailOutput(MilestoneOutput):
    prerequisites = MilestoneRefOutput(many=True, read_only=True)  # type: ignore[assignment]
    dependants = MilestoneRefOutput(many=True, read_only=True)
    resources = ResourceOutput(many=True, read_only=True)
    tracks = MilestoneTrackOutput(source="track_items", many=True, read_only=True)

    class Meta(MilestoneOutput.Meta):
        fields = [*MilestoneOutput.Meta.fields, "dependants", "resources", "tracks"]


# --- enrolments ----------------------------------------------------------------------------------


class EnrolmentOutput(serializers.ModelSerializer):
    track = serializers.CharField(source="track.slug")
    track_title_en = serializers.CharField(source="track.title_en")
    track_title_zh = serializers.CharField(source="track.title_zh")
    hours_per_week = serializers.FloatField()

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "user",
            "track",
            "track_title_en",
            "track_title_zh",
            "hours_per_week",
            "start_date",
            "target_date",
            "include_optional",
            "created_at",
        ]


class EnrolmentCreateInput(serializers.Serializer):
    track = SlugRowField(slug_field="slug", queryset=Track.objects.all())
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=MIN_WEEKLY_HOURS, max_value=MAX_WEEKLY_HOURS, required=False
    )
    start_date = serializers.DateField(required=False)
    target_date = serializers.DateField(required=False, allow_null=True)
    include_optional = serializers.BooleanField(required=False, default=False)


class EnrolmentUpdateInput(serializers.Serializer):
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=MIN_WEEKLY_HOURS, max_value=MAX_WEEKLY_HOURS, required=False
    )
    start_date = serializers.DateField(required=False)
    target_date = serializers.DateField(required=False, allow_null=True)
    include_optional = serializers.BooleanField(required=False)


# --- progress ------------------------------------------------------------------------------------


class ProgressOutput(MilestoneColumns, serializers.ModelSerializer):
    milestone = serializers.CharField(source="milestone.slug")

    class Meta:
        model = Progress
        fields = [
            "user",
            "milestone",
            "title_en",
            "title_zh",
            "stage",
            "hours",
            "completion",
            "state",
            "evidence",
            "started_at",
            "completed_at",
            "updated_at",
        ]


class ProgressUpdateInput(serializers.Serializer):
    state = serializers.ChoiceField(
        choices=[(s.value, s.label) for s in SETTABLE_STATES],
        help_text="in_progress, done (self-report milestones), skipped (already known), available (reset).",
    )


class SelfAssessmentInput(serializers.Serializer):
    known = serializers.ListField(child=serializers.SlugField(max_length=max_length(Milestone, "slug")), max_length=500)
    unknown = serializers.ListField(
        child=serializers.SlugField(max_length=max_length(Milestone, "slug")),
        max_length=500,
        required=False,
        default=list,
    )


# --- plans and summaries -------------------------------------------------------------------------


class PlanItemOutput(serializers.Serializer):
    slug = serializers.CharField()
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    stage = serializers.CharField()
    hours = serializers.FloatField()


class PlanWeekOutput(serializers.Serializer):
    week = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    hours = serializers.FloatField()
    items = PlanItemOutput(many=True)


class PlanOutput(serializers.Serializer):
    enrolment = serializers.IntegerField(source="enrolment_id")
    track = serializers.CharField(source="enrolment.track.slug")
    generated_at = serializers.DateTimeField()
    start_date = serializers.DateField()
    hours_per_week = serializers.FloatField()
    pace_hours_per_week = serializers.FloatField(allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    finish_date = serializers.DateField(allow_null=True)
    feasible = serializers.BooleanField()
    required_hours_per_week = serializers.FloatField(allow_null=True)
    remaining_hours = serializers.FloatField()
    message = serializers.CharField()
    weeks = PlanWeekOutput(many=True)


class PlanGenerateInput(serializers.Serializer):
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=MIN_WEEKLY_HOURS, max_value=MAX_WEEKLY_HOURS, required=False
    )
    start_date = serializers.DateField(required=False)
    target_date = serializers.DateField(required=False)


class SummaryTotalsOutput(serializers.Serializer):
    """What a stage and a track both report: counts, hours and the projected finish."""

    milestones = serializers.IntegerField()
    milestones_done = serializers.IntegerField()
    hours_total = serializers.FloatField()
    hours_done = serializers.FloatField()
    hours_remaining = serializers.FloatField()
    percent_done = serializers.FloatField()
    projected_finish = serializers.DateField(allow_null=True)


class SummaryStageOutput(SummaryTotalsOutput):
    stage = serializers.CharField()
    order = serializers.IntegerField()


class SummaryTrackOutput(SummaryTotalsOutput):
    enrolment = serializers.IntegerField()
    track = serializers.CharField()
    title_en = serializers.CharField()
    title_zh = serializers.CharField()
    hours_per_week = serializers.FloatField()
    pace_hours_per_week = serializers.FloatField(allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    feasible = serializers.BooleanField()
    stages = SummaryStageOutput(many=True)


class SummaryOutput(serializers.Serializer):
    user = serializers.IntegerField()
    tracks = SummaryTrackOutput(many=True)
