from django import forms
from django.contrib import admin
from django.db import models

from planner.models import Enrolment, Milestone, Plan, Progress, Resource, Stage, Track, TrackMilestone
from planner.services.availability import progress_recompute_all
from planner.services.graph import curriculum_graph, with_prerequisites

PREREQUISITE_CYCLE = "'{prereq}' already needs '{milestone}' (directly or through others): this would make a cycle."


class MilestoneAdminForm(forms.ModelForm):
    """The loader rejects prerequisite cycles; so does the admin, or no learner could ever reach them."""

    class Meta:
        model = Milestone
        fields = [
            "slug",
            "stage",
            "order",
            "hours",
            "completion",
            "title_en",
            "title_zh",
            "summary_en",
            "summary_zh",
            "topics_en",
            "topics_zh",
            "recall",
            "prerequisites",
        ]

    def clean_prerequisites(self):
        prerequisites = self.cleaned_data["prerequisites"]
        if self.instance.pk is None:
            return prerequisites
        graph = curriculum_graph()
        for prereq in prerequisites:
            reaches = with_prerequisites(graph, graph[prereq.pk].prerequisites)
            if prereq.pk == self.instance.pk or self.instance.pk in reaches:
                raise forms.ValidationError(PREREQUISITE_CYCLE.format(prereq=prereq.slug, milestone=self.instance.slug))
        return prerequisites


# Resource links typed without a scheme are https (Django 6's default; 5.2 warns about the old one).
URL_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    formfield_overrides = URL_HTTPS


class TrackMilestoneInline(admin.TabularInline):
    model = TrackMilestone
    extra = 0
    autocomplete_fields = ["milestone"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["order", "slug", "title_en", "title_zh"]
    list_display_links = ["slug"]
    search_fields = ["slug", "title_en", "title_zh"]


@admin.register(Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    form = MilestoneAdminForm
    list_display = ["slug", "title_en", "stage", "order", "hours", "completion"]
    list_filter = ["stage", "completion", "tracks"]
    list_select_related = ["stage"]
    search_fields = ["slug", "title_en", "title_zh", "summary_en", "summary_zh"]
    filter_horizontal = ["prerequisites"]
    inlines = [ResourceInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Prerequisites may have changed: learners' locked/available states follow (as after a reload).
        progress_recompute_all()


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_en", "role", "order"]
    search_fields = ["slug", "title_en", "title_zh"]
    inlines = [TrackMilestoneInline]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_HTTPS
    list_display = ["title", "authors", "kind", "milestone"]
    list_filter = ["kind"]
    list_select_related = ["milestone"]
    search_fields = ["title", "authors", "milestone__slug"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["user", "track", "hours_per_week", "start_date", "target_date"]
    list_filter = ["track"]
    list_select_related = ["user", "track"]
    search_fields = ["user__username"]


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ["user", "milestone", "state", "evidence", "completed_at"]
    list_filter = ["state", "evidence"]
    list_select_related = ["user", "milestone"]
    search_fields = ["user__username", "milestone__slug"]
    raw_id_fields = ["user", "milestone"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["enrolment", "generated_at", "hours_per_week", "finish_date", "feasible"]
    list_select_related = ["enrolment__user", "enrolment__track"]
    readonly_fields = ["generated_at"]
