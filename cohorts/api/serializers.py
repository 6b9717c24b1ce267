"""Cohorts API shapes: module-level, uniquely named (they become OpenAPI component names)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.selectors import person_name
from cohorts.models import Cohort, Invitation, MentoringRequest
from cohorts.progress import DEFAULT_INACTIVE_DAYS, MAX_INACTIVE_DAYS
from cohorts.services.cohorts import MAX_MENTORS
from cohorts.services.invitations import DEFAULT_SEATS, MAX_ADDRESSES, MAX_DAYS, MAX_SEATS
from config.api import IdField, SlugRowField
from config.bounds import max_length
from planner.models import Track


class PersonOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    username = serializers.CharField(source="get_username")
    name = serializers.SerializerMethodField(help_text="The display name; 'deleted learner' for a deleted account.")

    def get_name(self, user: Any) -> str:
        return person_name(user)


class CohortOutput(serializers.ModelSerializer):
    track = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    track_title_en = serializers.CharField(source="track.title_en")
    track_title_zh = serializers.CharField(source="track.title_zh")
    mentors = PersonOutput(many=True, read_only=True)
    member_count = serializers.SerializerMethodField()

    class Meta:
        model = Cohort
        fields = [
            "id",
            "name",
            "track",
            "track_title_en",
            "track_title_zh",
            "start_date",
            "target_date",
            "mentors",
            "member_count",
            "created_at",
        ]

    def get_member_count(self, cohort: Cohort) -> int:
        count = getattr(cohort, "member_count", None)
        return count if count is not None else cohort.memberships.count()


def mentor_usernames(*, help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=max_length(get_user_model(), "username")),
        max_length=MAX_MENTORS,
        required=False,
        help_text=help_text,
    )


class CohortCreateInput(serializers.Serializer):
    name = serializers.CharField(max_length=max_length(Cohort, "name"))
    track = SlugRowField(slug_field="slug", queryset=Track.objects.all(), help_text="Track slug.")
    start_date = serializers.DateField(required=False, allow_null=True)
    target_date = serializers.DateField(required=False, allow_null=True)
    mentors = mentor_usernames(help_text="Usernames of the cohort's mentors. You are one of them unless you are staff.")


class CohortUpdateInput(serializers.Serializer):
    name = serializers.CharField(max_length=max_length(Cohort, "name"), required=False)
    start_date = serializers.DateField(required=False, allow_null=True)
    target_date = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Members whose plan aims at the old target date are re-planned for the new one.",
    )
    mentors = mentor_usernames(help_text="The full list of mentors' usernames (replaces the current one).")


class CohortProgressQueryInput(serializers.Serializer):
    ordering = serializers.CharField(
        required=False,
        default="name",
        max_length=100,
        help_text="name, joined, progress, behind, last_active or stage:<slug>; a leading - reverses.",
    )
    inactive_days = serializers.IntegerField(
        required=False,
        default=DEFAULT_INACTIVE_DAYS,
        min_value=1,
        max_value=MAX_INACTIVE_DAYS,
        help_text="Who counts as inactive: no activity for this many days.",
    )


class StageColumnOutput(serializers.Serializer):
    slug = serializers.CharField()
    title_en = serializers.CharField(source="stage.title_en")
    title_zh = serializers.CharField(source="stage.title_zh")
    order = serializers.IntegerField()


class StageCellOutput(serializers.Serializer):
    percent = serializers.FloatField(help_text="Percent of the stage's hours done or skipped.")
    done = serializers.IntegerField(help_text="Milestones done or skipped.")
    total = serializers.IntegerField(help_text="Milestones of the stage in the learner's scope.")


@extend_schema_field(serializers.DictField(child=StageCellOutput()))
class StageCellsField(serializers.Field):
    """A learner's cells, already plain numbers by stage slug: passed through as they are (a nested serializer per
    cell cost more than the rest of the API's answer at 200 learners x 10 stages)."""

    def to_representation(self, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        return value


class LearnerProgressOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    joined_at = serializers.DateTimeField()
    enrolled = serializers.BooleanField(help_text="False when the learner left the cohort's track.")
    percent_done = serializers.FloatField(required=False)
    milestones_done = serializers.IntegerField(required=False)
    milestones = serializers.IntegerField(required=False)
    hours_done = serializers.FloatField(required=False)
    hours_remaining = serializers.FloatField(required=False)
    hours_per_week = serializers.FloatField(required=False)
    pace_hours_per_week = serializers.FloatField(required=False, allow_null=True)
    projected_finish = serializers.DateField(required=False, allow_null=True)
    target_date = serializers.DateField(required=False, allow_null=True)
    feasible = serializers.BooleanField(required=False)
    behind = serializers.BooleanField()
    behind_hours = serializers.FloatField(
        allow_null=True, help_text="Hours short of the planned pace since the start (after two weeks)."
    )
    late_days = serializers.IntegerField(allow_null=True, help_text="Days the projected finish is past the target.")
    last_active = serializers.DateTimeField(allow_null=True)
    days_inactive = serializers.IntegerField(allow_null=True)
    inactive = serializers.BooleanField()
    stages = StageCellsField(help_text="By stage slug.")


class WaitingReviewOutput(serializers.Serializer):
    submission = serializers.IntegerField(source="submission.pk")
    learner = serializers.IntegerField(source="submission.user_id")
    username = serializers.CharField(source="submission.user.username")
    exercise = serializers.CharField(source="submission.exercise.slug")
    status = serializers.CharField(source="submission.status")
    since = serializers.DateTimeField()
    hours = serializers.FloatField(help_text="Hours waited so far.")


class WaitingReviewsOutput(serializers.Serializer):
    count = serializers.IntegerField()
    items = WaitingReviewOutput(many=True, help_text="The oldest 50.")


class ExerciseStatsOutput(serializers.Serializer):
    slug = serializers.CharField()
    title_en = serializers.CharField(source="exercise.title_en")
    title_zh = serializers.CharField(source="exercise.title_zh")
    milestone = serializers.CharField()
    tried = serializers.IntegerField(help_text="Learners with a graded attempt.")
    passed = serializers.IntegerField()
    failed = serializers.IntegerField(help_text="Learners who failed it at least once.")
    stuck = serializers.IntegerField(help_text="Learners who tried it and have not passed.")
    median_hours_to_pass = serializers.FloatField(allow_null=True, help_text="From the first attempt to the pass.")
    median_attempts_to_pass = serializers.FloatField(allow_null=True)


class CohortProgressOutput(serializers.Serializer):
    cohort = CohortOutput()
    today = serializers.DateField()
    inactive_days = serializers.IntegerField()
    ordering = serializers.CharField()
    stages = StageColumnOutput(many=True)
    learners = LearnerProgressOutput(many=True)
    behind = serializers.ListField(child=serializers.IntegerField(), help_text="Learner ids, most behind first.")
    inactive = serializers.ListField(child=serializers.IntegerField(), help_text="Learner ids, idle longest first.")
    waiting_reviews = WaitingReviewsOutput()
    exercises = ExerciseStatsOutput(many=True)
    most_failed = serializers.ListField(child=serializers.CharField(), help_text="Exercise slugs, most failed first.")


class InvitationOutput(serializers.ModelSerializer):
    state = serializers.CharField(help_text="active, revoked, expired or full.")
    created_by = serializers.CharField(source="created_by.username", allow_null=True, default=None)

    class Meta:
        model = Invitation
        fields = ["id", "kind", "label", "email", "seats", "used", "expires_at", "revoked_at", "state", "created_by"]


class InvitationCreateInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Invitation.Kind.choices)
    seats = serializers.IntegerField(
        required=False, default=DEFAULT_SEATS, min_value=1, max_value=MAX_SEATS, help_text="Join links only."
    )
    days = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_DAYS, help_text=f"Default {settings.PATHWISE_INVITATION_DAYS}."
    )
    label = serializers.CharField(required=False, allow_blank=True, max_length=max_length(Invitation, "label"))
    emails = serializers.ListField(
        child=serializers.CharField(max_length=254),
        required=False,
        max_length=MAX_ADDRESSES,
        help_text="Email invitations: one single-seat invitation is mailed to each address.",
    )


class InvitationCreatedOutput(serializers.Serializer):
    invitations = InvitationOutput(many=True)
    code = serializers.CharField(allow_null=True, help_text="A join link's code: shown this once, never again.")
    url = serializers.CharField(allow_null=True, help_text="The join link (the page asks the learner to confirm).")
    already_members = serializers.ListField(child=serializers.CharField(), help_text="Addresses not invited.")


class JoinInput(serializers.Serializer):
    code = serializers.CharField(max_length=200, help_text="The invitation code (the last part of the join link).")


class JoinPlanOutput(serializers.Serializer):
    hours_per_week = serializers.FloatField()
    target_date = serializers.DateField(allow_null=True)
    required_hours_per_week = serializers.FloatField(
        allow_null=True, help_text="What finishing by the target date needs."
    )
    feasible = serializers.BooleanField()
    finish_date = serializers.DateField(allow_null=True)


class JoinOutput(serializers.Serializer):
    cohort = CohortOutput(source="membership.cohort")
    joined_at = serializers.DateTimeField(source="membership.joined_at")
    created = serializers.BooleanField(help_text="False: you were a member already (no seat was used).")
    enrolled_now = serializers.BooleanField(help_text="Whether joining enrolled you in the cohort's track.")
    enrolment = serializers.IntegerField(source="enrolment.pk")
    target_set = serializers.DateField(allow_null=True, help_text="The target your plan aims at now, if set.")
    plan = JoinPlanOutput()


class MembershipOutput(serializers.Serializer):
    cohort = CohortOutput()
    joined_at = serializers.DateTimeField()


class MentoringRequestOutput(serializers.ModelSerializer):
    learner = PersonOutput()
    mentor = PersonOutput(allow_null=True)
    track = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    track_title_en = serializers.CharField(source="track.title_en")
    track_title_zh = serializers.CharField(source="track.title_zh")
    exercise = serializers.CharField(source="submission.exercise.slug")

    class Meta:
        model = MentoringRequest
        fields = [
            "id",
            "learner",
            "track",
            "track_title_en",
            "track_title_zh",
            "submission",
            "exercise",
            "message",
            "status",
            "mentor",
            "created_at",
            "taken_at",
            "closed_at",
        ]


class MentoringRequestCreateInput(serializers.Serializer):
    submission = IdField(strict=True, help_text="One of your submissions.")
    track = serializers.SlugField(required=False, help_text="Needed only when the exercise is in several of yours.")
    message = serializers.CharField(
        required=False, allow_blank=True, max_length=max_length(MentoringRequest, "message")
    )


class MentorshipOutput(serializers.Serializer):
    id = serializers.IntegerField()
    mentor = PersonOutput()
    learner = PersonOutput()
    track = serializers.CharField(source="track.slug")
    request = serializers.IntegerField(source="request_id")
    created_at = serializers.DateTimeField()


class MentorTracksInput(serializers.Serializer):
    tracks = serializers.ListField(child=serializers.SlugField(), max_length=50, help_text="Track slugs.")


class MentorTracksOutput(serializers.Serializer):
    tracks = serializers.ListField(child=serializers.CharField())
