"""Notifications become kind + params + targets: the stored English sentence and URL are read once more to find
what each row is about (a milestone page, a submission resource), then dropped. A row whose target is gone
cannot be rendered and is deleted, as deleting a target deletes its notifications from now on."""

import re

import django.db.models.deletion
from django.db import migrations, models

MILESTONE_URL = re.compile(r"^/milestones/([\w-]+)/?$")
SUBMISSION_URL = re.compile(r"^(?:/api/v1)?/submissions/(\d+)/?$")
MILESTONE_MESSAGE = re.compile(r"^Milestone (?:unlocked|done): (.+)$")


def _milestone(Milestone, row):
    match = MILESTONE_URL.match(row.url or "")
    if match:
        return Milestone.objects.filter(slug=match.group(1)).first()
    match = MILESTONE_MESSAGE.match(row.message or "")  # an API-only deployment stored no page URL
    return Milestone.objects.filter(title_en=match.group(1)).first() if match else None


def forwards(apps, schema_editor):
    Notification = apps.get_model("accounts", "Notification")
    Milestone = apps.get_model("planner", "Milestone")
    Submission = apps.get_model("exercises", "Submission")
    Review = apps.get_model("exercises", "Review")
    orphans = []
    for row in Notification.objects.all().iterator():
        if row.kind in ("milestone_unlocked", "milestone_done"):
            row.milestone = _milestone(Milestone, row)
            target = row.milestone
        else:
            match = SUBMISSION_URL.match(row.url or "")
            row.submission = Submission.objects.filter(pk=int(match.group(1))).first() if match else None
            target = row.submission
            if target is not None and row.kind == "review_posted":
                # The review it announced: the latest one posted up to its time.
                posted = Review.objects.filter(submission=target, created_at__lte=row.created_at)
                row.review = posted.order_by("-created_at", "-id").first()
                target = row.review
        if target is None:
            orphans.append(row.pk)
        else:
            row.save(update_fields=["milestone", "submission", "review"])
    Notification.objects.filter(pk__in=orphans).delete()


def backwards(apps, schema_editor):
    Notification = apps.get_model("accounts", "Notification")
    for row in Notification.objects.select_related("milestone", "track", "submission__exercise").iterator():
        if row.milestone_id:
            label = "Milestone unlocked" if row.kind == "milestone_unlocked" else "Milestone done"
            row.message, row.url = f"{label}: {row.milestone.title_en}", f"/milestones/{row.milestone.slug}/"
        elif row.submission_id:
            s = row.submission
            row.message = f"{s.exercise.title_en}: attempt {s.attempt} {s.status}."
            row.url = f"/api/v1/submissions/{s.pk}/"
        elif row.track_id:
            row.message = f"You are enrolled in {row.track.title_en}."
        row.save(update_fields=["message", "url"])


def _target(model):
    return models.ForeignKey(
        blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to=model
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("exercises", "0001_initial"),
        ("planner", "0001_initial"),
    ]

    operations = [
        migrations.AddField(model_name="notification", name="milestone", field=_target("planner.milestone")),
        migrations.AddField(model_name="notification", name="params", field=models.JSONField(blank=True, default=dict)),
        migrations.AddField(model_name="notification", name="review", field=_target("exercises.review")),
        migrations.AddField(model_name="notification", name="submission", field=_target("exercises.submission")),
        migrations.AddField(model_name="notification", name="track", field=_target("planner.track")),
        migrations.AlterField(
            model_name="notification",
            name="kind",
            field=models.CharField(
                choices=[
                    ("submission_graded", "Submission graded"),
                    ("review_posted", "Review posted"),
                    ("milestone_unlocked", "Milestone unlocked"),
                    ("milestone_done", "Milestone done"),
                    ("enrolled", "Enrolled"),
                ],
                max_length=32,
            ),
        ),
        migrations.RunPython(forwards, backwards),
        # A default, so that going back re-adds the column to a table that has rows.
        migrations.AlterField(
            model_name="notification", name="message", field=models.CharField(default="", max_length=500)
        ),
        migrations.RemoveField(model_name="notification", name="message"),
        migrations.RemoveField(model_name="notification", name="url"),
    ]
