"""What planner announces to the apps above it (webhooks), sent on commit (config.signals.send_on_commit)."""

from django.dispatch import Signal

# A learner's milestone became done: user_id, milestone_id, evidence (auto, mentor, self), completed_at (ISO 8601).
milestone_completed = Signal()
